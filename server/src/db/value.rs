//! Values crossing into and out of either store: what a query binds ([`Param`]) and what a row
//! column is read as ([`FromColumn`]). Every value passes through [`Value`], so a type is
//! converted once for both SQLite and PostgreSQL.

use postgres::types::{IsNull, ToSql, Type};

use super::Error;

/// One value, as both stores hold it. PostgreSQL's columns are all `BIGINT`, `TEXT` or `BYTEA`
/// (the migrations say so), SQLite's are what it stored.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null(Kind),
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// The type a parameter is declared as to PostgreSQL, so it never has to guess (`$1 - 60` is
/// `BIGINT` because the value is an `i64`, not because the server inferred it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Int,
    Real,
    Text,
    Blob,
}

impl Kind {
    pub(super) fn pg_type(self) -> Type {
        match self {
            Kind::Int => Type::INT8,
            Kind::Real => Type::FLOAT8,
            Kind::Text => Type::TEXT,
            Kind::Blob => Type::BYTEA,
        }
    }
}

impl Value {
    pub(super) fn kind(&self) -> Kind {
        match self {
            Value::Null(kind) => *kind,
            Value::Int(_) => Kind::Int,
            Value::Real(_) => Kind::Real,
            Value::Text(_) => Kind::Text,
            Value::Blob(_) => Kind::Blob,
        }
    }

    pub(super) fn from_sqlite(v: rusqlite::types::ValueRef<'_>) -> Result<Value, Error> {
        use rusqlite::types::ValueRef;
        Ok(match v {
            ValueRef::Null => Value::Null(Kind::Text),
            ValueRef::Integer(i) => Value::Int(i),
            ValueRef::Real(f) => Value::Real(f),
            ValueRef::Text(t) => {
                Value::Text(String::from_utf8(t.to_vec()).map_err(|e| Error::Conversion(e.to_string()))?)
            }
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        })
    }

    pub(super) fn from_postgres(row: &postgres::Row, i: usize) -> Result<Value, Error> {
        let ty = row.columns()[i].type_().clone();
        let value = match ty {
            Type::INT8 => row.try_get::<_, Option<i64>>(i)?.map(Value::Int),
            Type::INT4 => row.try_get::<_, Option<i32>>(i)?.map(|v| Value::Int(v.into())),
            Type::INT2 => row.try_get::<_, Option<i16>>(i)?.map(|v| Value::Int(v.into())),
            Type::BOOL => row.try_get::<_, Option<bool>>(i)?.map(|v| Value::Int(v.into())),
            Type::FLOAT8 => row.try_get::<_, Option<f64>>(i)?.map(Value::Real),
            Type::FLOAT4 => row.try_get::<_, Option<f32>>(i)?.map(|v| Value::Real(v.into())),
            Type::BYTEA => row.try_get::<_, Option<Vec<u8>>>(i)?.map(Value::Blob),
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => {
                row.try_get::<_, Option<String>>(i)?.map(Value::Text)
            }
            other => return Err(Error::Conversion(format!("column {i} has type {other}: cast it to BIGINT or TEXT"))),
        };
        Ok(value.unwrap_or(Value::Null(Kind::Text)))
    }
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null(_) => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(t) => ValueRef::Text(t.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null(_) => Ok(IsNull::Yes),
            Value::Int(i) => i.to_sql(ty, out),
            Value::Real(f) => f.to_sql(ty, out),
            Value::Text(t) => t.as_str().to_sql(ty, out),
            Value::Blob(b) => b.as_slice().to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// Something a query binds. `params![a, b]` makes the list.
pub trait Param {
    fn value(&self) -> Value;
}

/// The kind of a parameter type, for its `None`.
pub trait Typed {
    const KIND: Kind;
}

macro_rules! int_param {
    ($($t:ty),*) => {$(
        impl Param for $t {
            fn value(&self) -> Value {
                Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
            }
        }
        impl Typed for $t {
            const KIND: Kind = Kind::Int;
        }
        impl FromColumn for $t {
            fn from_value(v: Value) -> Result<Self, Error> {
                match v {
                    Value::Int(i) => <$t>::try_from(i).map_err(|_| Error::Conversion(format!("{i} is out of range"))),
                    other => Err(Error::Conversion(format!("{other:?} is not an integer"))),
                }
            }
        }
    )*};
}
int_param!(i64, i32, u8, u16, u32, u64, usize);

impl Param for bool {
    fn value(&self) -> Value {
        Value::Int((*self).into())
    }
}
impl Typed for bool {
    const KIND: Kind = Kind::Int;
}
impl Param for f64 {
    fn value(&self) -> Value {
        Value::Real(*self)
    }
}
impl Typed for f64 {
    const KIND: Kind = Kind::Real;
}
impl Param for str {
    fn value(&self) -> Value {
        Value::Text(self.to_owned())
    }
}
impl Typed for str {
    const KIND: Kind = Kind::Text;
}
impl Param for String {
    fn value(&self) -> Value {
        Value::Text(self.clone())
    }
}
impl Typed for String {
    const KIND: Kind = Kind::Text;
}
impl Param for [u8] {
    fn value(&self) -> Value {
        Value::Blob(self.to_vec())
    }
}
impl Param for Vec<u8> {
    fn value(&self) -> Value {
        Value::Blob(self.clone())
    }
}
impl<T: Param + ?Sized> Param for &T {
    fn value(&self) -> Value {
        (**self).value()
    }
}
impl<T: Typed + ?Sized> Typed for &T {
    const KIND: Kind = T::KIND;
}
impl<T: Param + Typed> Param for Option<T> {
    fn value(&self) -> Value {
        match self {
            Some(v) => v.value(),
            None => Value::Null(T::KIND),
        }
    }
}

/// Something a column is read as.
pub trait FromColumn: Sized {
    fn from_value(v: Value) -> Result<Self, Error>;
}

impl FromColumn for Value {
    fn from_value(v: Value) -> Result<Self, Error> {
        Ok(v)
    }
}
impl FromColumn for String {
    fn from_value(v: Value) -> Result<Self, Error> {
        match v {
            Value::Text(t) => Ok(t),
            other => Err(Error::Conversion(format!("{other:?} is not text"))),
        }
    }
}
impl FromColumn for bool {
    fn from_value(v: Value) -> Result<Self, Error> {
        i64::from_value(v).map(|i| i != 0)
    }
}
impl FromColumn for f64 {
    fn from_value(v: Value) -> Result<Self, Error> {
        match v {
            Value::Real(f) => Ok(f),
            Value::Int(i) => Ok(i as f64),
            other => Err(Error::Conversion(format!("{other:?} is not a number"))),
        }
    }
}
impl FromColumn for Vec<u8> {
    fn from_value(v: Value) -> Result<Self, Error> {
        match v {
            Value::Blob(b) => Ok(b),
            Value::Text(t) => Ok(t.into_bytes()),
            other => Err(Error::Conversion(format!("{other:?} is not bytes"))),
        }
    }
}
impl<T: FromColumn> FromColumn for Option<T> {
    fn from_value(v: Value) -> Result<Self, Error> {
        match v {
            Value::Null(_) => Ok(None),
            v => T::from_value(v).map(Some),
        }
    }
}
