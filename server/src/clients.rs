//! Who a request comes from, for the rate limits: the connecting address, or behind a
//! trusted reverse proxy (`DVC_TRUSTED_PROXIES`) the address it forwarded for. IPv6 clients
//! are counted by their /64 (one household or phone gets a whole /64, so counting single
//! addresses would let one client take millions of budgets). Clients in `DVC_KIOSK_NETWORKS`
//! (a service centre's LAN behind one address) get a larger budget.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request};

/// A list of networks: addresses with a prefix length (`10.0.0.0/8`, `2001:db8::/32`, or a
/// single address).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Networks(Vec<(IpAddr, u8)>);

impl Networks {
    /// Comma-separated networks; an error names the part it could not read.
    pub fn parse(text: &str) -> Result<Networks, String> {
        let mut list = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (addr, prefix) = part.split_once('/').unwrap_or((part, ""));
            let addr: IpAddr = addr.parse().map_err(|_| format!("not an IP address or network: {part}"))?;
            let max = if addr.is_ipv4() { 32 } else { 128 };
            let prefix = if prefix.is_empty() {
                max
            } else {
                prefix.parse::<u8>().ok().filter(|p| *p <= max).ok_or_else(|| format!("not a prefix length: {part}"))?
            };
            list.push((addr, prefix));
        }
        Ok(Networks(list))
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|(net, prefix)| same_prefix(canonical(*net), ip, *prefix))
    }
}

/// IPv4 addresses written as IPv6 (`::ffff:1.2.3.4`) are IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

fn same_prefix(a: IpAddr, b: IpAddr, prefix: u8) -> bool {
    match (a, b) {
        (IpAddr::V4(a), IpAddr::V4(b)) => prefix == 0 || (u32::from(a) ^ u32::from(b)) >> (32 - u32::from(prefix)) == 0,
        (IpAddr::V6(a), IpAddr::V6(b)) => {
            prefix == 0 || (u128::from(a) ^ u128::from(b)) >> (128 - u32::from(prefix)) == 0
        }
        _ => false,
    }
}

/// The client as the limits count it.
#[derive(Clone, Debug, PartialEq)]
pub struct Client {
    /// An IPv4 address, or an IPv6 /64 (`2001:db8:1:2::/64`); `local` without a socket.
    pub key: String,
    /// In a kiosk network: a larger budget.
    pub kiosk: bool,
}

/// The client of `request`: behind trusted proxies, the nearest address in `X-Forwarded-For`
/// that is not one of them (addresses further left are the client's own say, and anyone can
/// write them).
pub fn client(request: &Request, trusted: &Networks, kiosks: &Networks) -> Client {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| canonical(c.0.ip()));
    let Some(mut ip) = peer else { return Client { key: "local".into(), kiosk: false } };
    if trusted.contains(ip) {
        let forwarded: Vec<IpAddr> = request
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse::<IpAddr>().ok())
            .collect();
        for hop in forwarded.into_iter().rev() {
            ip = canonical(hop);
            if !trusted.contains(ip) {
                break;
            }
        }
    }
    let key = match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("{}/64", std::net::Ipv6Addr::from(u128::from(v6) & !((1u128 << 64) - 1))),
    };
    Client { key, kiosk: kiosks.contains(ip) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(peer: &str, forwarded: Option<&str>) -> Request {
        let mut request = Request::new(axum::body::Body::empty());
        request.extensions_mut().insert(ConnectInfo(SocketAddr::new(peer.parse().unwrap(), 1)));
        if let Some(f) = forwarded {
            request.headers_mut().insert("x-forwarded-for", f.parse().unwrap());
        }
        request
    }

    #[test]
    fn behind_a_trusted_proxy_the_forwarded_client_counts_and_elsewhere_the_peer() {
        let proxies = Networks::parse("10.0.0.1, 10.1.0.0/16").unwrap();
        let none = Networks::default();
        assert_eq!(client(&from("10.0.0.1", Some("203.0.113.5")), &proxies, &none).key, "203.0.113.5");
        // A client's own X-Forwarded-For is ignored: spoofing does not give a fresh budget.
        assert_eq!(
            client(&from("10.0.0.1", Some("1.2.3.4, 203.0.113.5, 10.1.2.3")), &proxies, &none).key,
            "203.0.113.5"
        );
        assert_eq!(
            client(&from("198.51.100.9", Some("1.2.3.4")), &proxies, &none).key,
            "198.51.100.9",
            "not through our proxy"
        );
        assert_eq!(client(&from("::ffff:198.51.100.9", None), &none, &none).key, "198.51.100.9");
    }

    #[test]
    fn ipv6_clients_count_by_their_64() {
        let none = Networks::default();
        let a = client(&from("2001:db8:1:2:aaaa::1", None), &none, &none);
        let b = client(&from("2001:db8:1:2:ffff::9", None), &none, &none);
        let c = client(&from("2001:db8:1:3::1", None), &none, &none);
        assert_eq!(a.key, "2001:db8:1:2::/64");
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn kiosk_networks_are_recognised_and_bad_lists_named() {
        let kiosks = Networks::parse("192.168.10.0/24").unwrap();
        assert!(client(&from("192.168.10.77", None), &Networks::default(), &kiosks).kiosk);
        assert!(!client(&from("192.168.11.77", None), &Networks::default(), &kiosks).kiosk);
        for bad in ["10.0.0.0/33", "example.org", "10.0.0.1/x"] {
            assert!(Networks::parse(bad).unwrap_err().contains(bad), "{bad}");
        }
    }
}
