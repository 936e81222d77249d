//! Prometheus metrics of the verifier service.

use pallet_contributions::Verdict;
use substrate_prometheus_endpoint::{
	register, Counter, CounterVec, Opts, PrometheusError, Registry, U64,
};

/// Counters the verifier service keeps.
pub struct Metrics {
	/// Bytes fetched and hashed.
	pub bytes_hashed: Counter<U64>,
	/// Contributions checked, by verdict.
	pub checked: CounterVec<U64>,
	/// Fetches that failed (after retries).
	pub fetch_failures: Counter<U64>,
}

impl Metrics {
	/// Registers the counters; `None` without a registry.
	pub fn register(registry: Option<&Registry>) -> Result<Option<Self>, PrometheusError> {
		let Some(registry) = registry else {
			return Ok(None);
		};
		Ok(Some(Self {
			bytes_hashed: register(
				Counter::new(
					"gongyu_verifier_bytes_hashed_total",
					"Bytes fetched and hashed by the verifier",
				)?,
				registry,
			)?,
			checked: register(
				CounterVec::new(
					Opts::new(
						"gongyu_verifier_contributions_checked_total",
						"Contributions checked, by verdict",
					),
					&["verdict"],
				)?,
				registry,
			)?,
			fetch_failures: register(
				Counter::new(
					"gongyu_verifier_fetch_failures_total",
					"Fetches that failed after retries",
				)?,
				registry,
			)?,
		}))
	}
}

/// The metric label of a verdict.
pub fn verdict_label(verdict: &Verdict) -> &'static str {
	match verdict {
		Verdict::Valid { .. } => "valid",
		Verdict::HashMismatch => "hash_mismatch",
		Verdict::Unreachable => "unreachable",
	}
}
