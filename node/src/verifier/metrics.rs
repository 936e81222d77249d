//! Prometheus metrics of the verifier service.

use pallet_contributions::Verdict;
use substrate_prometheus_endpoint::{
	register, Counter, CounterVec, Gauge, HistogramOpts, HistogramVec, Opts, PrometheusError,
	Registry, U64,
};

/// Counters the verifier service keeps.
pub struct Metrics {
	/// Bytes fetched and hashed.
	pub bytes_hashed: Counter<U64>,
	/// Contributions checked, by verdict.
	pub checked: CounterVec<U64>,
	/// Fetches that failed (after retries).
	pub fetch_failures: Counter<U64>,
	/// Contributions awaiting this node's verifier keys at the last finalized block.
	pub queue_depth: Gauge<U64>,
	/// Checks running.
	pub checks_running: Gauge<U64>,
	/// Seconds from the start of a check to its verdict, by verdict.
	pub check_seconds: HistogramVec,
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
			queue_depth: register(
				Gauge::new(
					"gongyu_verifier_queue_depth",
					"Contributions awaiting this node's verifier keys",
				)?,
				registry,
			)?,
			checks_running: register(
				Gauge::new("gongyu_verifier_checks_running", "Checks running")?,
				registry,
			)?,
			check_seconds: register(
				HistogramVec::new(
					HistogramOpts::new(
						"gongyu_verifier_check_seconds",
						"Seconds from the start of a check to its verdict, by verdict",
					)
					.buckets(vec![0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0, 1800.0]),
					&["verdict"],
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
		Verdict::CardMismatch => "card_mismatch",
		Verdict::Measured { .. } => "measured",
		Verdict::BadFormat => "bad_format",
		Verdict::ArchitectureMismatch => "architecture_mismatch",
		Verdict::AdapterMismatch => "adapter_mismatch",
		Verdict::Unevaluated => "unevaluated",
	}
}
