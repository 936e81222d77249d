//! Which network addresses a verifier may fetch from: global ones only, so a contribution
//! URI cannot make verifiers probe the verifier's own machine, its private network or a
//! cloud metadata service.

use std::{
	net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr},
	sync::Arc,
};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Whether `ip` is reachable on the public internet: not loopback, private, shared (CGNAT),
/// link-local, unspecified, broadcast, multicast, documentation, benchmarking or reserved,
/// and not an IPv6 form of one of those.
pub fn is_global(ip: IpAddr) -> bool {
	match ip {
		IpAddr::V4(v4) => is_global_v4(v4),
		IpAddr::V6(v6) => is_global_v6(v6),
	}
}

fn is_global_v4(ip: Ipv4Addr) -> bool {
	let [a, b, c, _] = ip.octets();
	!(ip.is_unspecified()
		|| ip.is_loopback()
		|| ip.is_private()
		|| ip.is_link_local()
		|| ip.is_broadcast()
		|| ip.is_multicast()
		|| ip.is_documentation()
		|| a == 0 // "this network"
		|| (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
		|| (a == 192 && b == 0 && c == 0) // IETF protocol assignments
		|| (a == 198 && (18..20).contains(&b)) // benchmarking
		|| a >= 240) // reserved
}

fn is_global_v6(ip: Ipv6Addr) -> bool {
	if let Some(v4) = ip.to_ipv4_mapped() {
		return is_global_v4(v4);
	}
	let segments = ip.segments();
	let [first, second, ..] = segments;
	// NAT64 (64:ff9b::/96) reaches the IPv4 address in its last 32 bits.
	if first == 0x64 && second == 0xff9b && segments[2..6].iter().all(|s| *s == 0) {
		let [.., high, low] = segments;
		let [a, b] = high.to_be_bytes();
		let [c, d] = low.to_be_bytes();
		return is_global_v4(Ipv4Addr::new(a, b, c, d));
	}
	!(ip.is_unspecified()
		|| ip.is_loopback()
		|| ip.is_multicast()
		|| (first & 0xfe00) == 0xfc00 // unique local
		|| (first & 0xffc0) == 0xfe80 // link-local
		|| (first == 0x2001 && second == 0x0db8) // documentation
		|| segments[..6].iter().all(|s| *s == 0)) // IPv4-compatible (deprecated)
}

/// Whether the host of `url` is an IP literal that is not global. Names are checked when
/// they are resolved ([`GlobalOnlyResolver`]).
pub fn is_non_global_literal(url: &reqwest::Url) -> bool {
	let Some(host) = url.host_str() else {
		return false;
	};
	let literal = host.trim_start_matches('[').trim_end_matches(']');
	literal.parse::<IpAddr>().is_ok_and(|ip| !is_global(ip))
}

/// A DNS resolver that drops non-global addresses and fails when none remain, so a name
/// pointing at `127.0.0.1` (or `localhost` itself) is never connected to.
pub struct GlobalOnlyResolver;

impl GlobalOnlyResolver {
	/// The resolver, shared as reqwest wants it.
	pub fn shared() -> Arc<Self> {
		Arc::new(Self)
	}
}

impl Resolve for GlobalOnlyResolver {
	fn resolve(&self, name: Name) -> Resolving {
		let host = name.as_str().to_owned();
		Box::pin(async move {
			let resolved = tokio::net::lookup_host((host.as_str(), 0)).await?;
			let global: Vec<SocketAddr> = resolved.filter(|a| is_global(a.ip())).collect();
			if global.is_empty() {
				return Err(format!(
					"{host} resolves to no global address (non-global addresses are refused)"
				)
				.into());
			}
			Ok(Box::new(global.into_iter()) as Addrs)
		})
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn ip(s: &str) -> IpAddr {
		s.parse().unwrap()
	}

	#[test]
	fn private_and_special_addresses_are_not_global() {
		for s in [
			"127.0.0.1",
			"10.1.2.3",
			"172.16.0.1",
			"192.168.1.1",
			"169.254.169.254", // cloud metadata
			"100.64.0.1",
			"0.0.0.0",
			"255.255.255.255",
			"224.0.0.1",
			"192.0.2.1",
			"198.18.0.1",
			"240.0.0.1",
			"::1",
			"::",
			"fc00::1",
			"fd12:3456::1",
			"fe80::1",
			"ff02::1",
			"2001:db8::1",
			"::ffff:127.0.0.1",
			"::ffff:169.254.169.254",
			"64:ff9b::a9fe:a9fe",
			"::127.0.0.1",
		] {
			assert!(!is_global(ip(s)), "{s} counted as global");
		}
	}

	#[test]
	fn public_addresses_are_global() {
		for s in [
			"1.1.1.1",
			"8.8.8.8",
			"93.184.216.34",
			"2606:4700:4700::1111",
			"::ffff:8.8.8.8",
		] {
			assert!(is_global(ip(s)), "{s} counted as non-global");
		}
	}

	#[test]
	fn literal_hosts_are_checked_names_are_left_to_the_resolver() {
		let url = |s: &str| reqwest::Url::parse(s).unwrap();
		assert!(is_non_global_literal(&url("http://127.0.0.1:9615/metrics")));
		assert!(is_non_global_literal(&url("http://[::1]/")));
		assert!(is_non_global_literal(&url(
			"http://169.254.169.254/latest/"
		)));
		assert!(!is_non_global_literal(&url("https://8.8.8.8/")));
		assert!(!is_non_global_literal(&url("http://localhost/")));
	}

	#[tokio::test]
	async fn the_resolver_refuses_names_of_loopback_addresses() {
		let name: Name = "localhost".parse().unwrap();
		let result = GlobalOnlyResolver.resolve(name).await;
		assert!(result.is_err());
	}
}
