// The test identity provider's citizens. Not real people: the ID numbers are made up in the
// format of a CCCD (province 001 Hà Nội, 026 Vĩnh Phúc), and everyone's password and OTP are
// printed on the provider's own login page.

export const PASSWORD = 'Test@12345';
export const OTP = '123456';

export const citizens = [
  {
    sub: 'vneid-test-0001',
    level: 2,
    SoDinhDanh: '001099012345',
    HoVaTen: 'Nguyễn Văn An',
    NgayThangNamSinh: '19990517',
    GioiTinh: '1',
    SoDienThoai: '0912345678',
    ThuDienTu: 'nguyenvanan@example.vn',
    ThuongTru: 'Số 12 phố Hàng Bài, Phường Hoàn Kiếm, Thành phố Hà Nội',
  },
  {
    sub: 'vneid-test-0002',
    level: 1,
    SoDinhDanh: '026188000111',
    HoVaTen: 'Trần Thị Bình',
    NgayThangNamSinh: '19880102',
    GioiTinh: '2',
    SoDienThoai: '0987654321',
    ThuDienTu: 'tranthibinh@example.vn',
    ThuongTru: 'Thôn Đông, Xã Tam Dương, Tỉnh Phú Thọ',
  },
];

/** The claims a citizen's userinfo carries: the national gateway's names and the standard
 * OpenID Connect ones, so a client can be tested against either. */
export function claimsOf(c) {
  const d = c.NgayThangNamSinh;
  return {
    sub: c.sub,
    SoDinhDanh: c.SoDinhDanh,
    HoVaTen: c.HoVaTen,
    NgayThangNamSinh: d,
    GioiTinh: c.GioiTinh,
    SoDienThoai: c.SoDienThoai,
    ThuDienTu: c.ThuDienTu,
    ThuongTru: c.ThuongTru,
    LoaiTaiKhoan: 1,
    IAL: c.level,
    loAs: `LoA${c.level}`,
    name: c.HoVaTen,
    birthdate: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`,
    gender: c.GioiTinh === '1' ? 'male' : 'female',
    phone_number: c.SoDienThoai,
    email: c.ThuDienTu,
    address: { formatted: c.ThuongTru, country: 'VN' },
  };
}

export function byIdNumber(idNumber) {
  return citizens.find((c) => c.SoDinhDanh === idNumber.trim());
}

export function bySub(sub) {
  return citizens.find((c) => c.sub === sub);
}
