//! Where a request comes from: the peer's address, or — when the peer is one of
//! `trusted_proxies` (a reverse proxy on this host, by default) — the address it says it
//! forwarded for (`X-Forwarded-For`, read from the right, past every trusted proxy). The login
//! lockout counts by it and `/metrics` admits by it.

use std::net::{IpAddr, SocketAddr};

use axum::{
    extract::{ConnectInfo, FromRequestParts},
    http::{HeaderMap, request::Parts},
};

use crate::{AppState, error::AppError, metrics::address_allowed};

/// The client's address.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub IpAddr);

/// The client of a request from `peer` with `headers`, believing `X-Forwarded-For` only as far
/// as the proxies in `trusted`.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[String]) -> IpAddr {
    let mut current = peer;
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    for hop in forwarded.iter().rev() {
        if !address_allowed(current, trusted) {
            break;
        }
        match hop
            .parse::<IpAddr>()
            .or_else(|_| hop.parse::<SocketAddr>().map(|s| s.ip()))
        {
            Ok(ip) => current = ip,
            Err(_) => break,
        }
    }
    current
}

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let ConnectInfo(peer) = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .copied()
            .ok_or_else(|| AppError::Internal("no peer address".into()))?;
        Ok(ClientAddr(client_ip(
            peer.ip(),
            &parts.headers,
            &state.config.trusted_proxies,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_a_trusted_proxy_is_believed() {
        let trusted = vec!["127.0.0.1".to_string(), "10.0.0.0/8".to_string()];
        let lo: IpAddr = "127.0.0.1".parse().unwrap();
        let outside: IpAddr = "203.0.113.7".parse().unwrap();
        // Straight from a client: its own address, whatever it claims.
        assert_eq!(client_ip(outside, &headers(&["127.0.0.1"]), &trusted), outside);
        // Through the proxy: the address it forwarded for.
        assert_eq!(
            client_ip(lo, &headers(&["198.51.100.2"]), &trusted).to_string(),
            "198.51.100.2"
        );
        // A client's own claim to the left of what the proxies saw is not believed.
        let chain = headers(&["127.0.0.1, 198.51.100.2", "10.1.2.3"]);
        assert_eq!(client_ip(lo, &chain, &trusted).to_string(), "198.51.100.2");
        // Nothing forwarded, or nonsense: the peer.
        assert_eq!(client_ip(lo, &headers(&[]), &trusted), lo);
        assert_eq!(client_ip(lo, &headers(&["unknown"]), &trusted), lo);
        assert_eq!(client_ip(lo, &headers(&["198.51.100.2"]), &[]), lo);
    }
}
