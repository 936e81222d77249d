//! The operator's evaluator: scores a fine-tune whose weights fit its base.
//!
//! The verifier runs `PROGRAM <artifact dir> <base weights URI>`: the directory holds the
//! fine-tune's checked weights and JSON files; the environment says what they are
//! (`GONGYU_WEIGHTS=full|lora`, `GONGYU_ARTIFACT_ROOT` and `GONGYU_BASE_ROOT`, as 0x hex).
//! The program prints a JSON object with a numeric `score` from 0 to 100 as its last line
//! of output (a real harness evaluates the weights against the base on held-out tasks).
//! The score is rounded down. A run that exits with an error, outlives its time limit or
//! prints no such score scores 0: weights the harness cannot evaluate earn nothing from
//! this verifier, and the median of a quorum keeps one broken evaluator from deciding.

use std::{
	io::Read,
	path::{Path, PathBuf},
	process::Stdio,
	time::{Duration, Instant},
};

use pallet_contributions::{ContentHash, Score};

use crate::architecture::WeightsKind;

/// The most output of an evaluator read, in bytes.
pub const MAX_OUTPUT_BYTES: usize = 64 * 1024;

/// The highest score an evaluator may print.
pub const MAX_EVALUATOR_SCORE: f64 = 100.0;

/// An operator-configured evaluator program and its time limit.
#[derive(Debug, Clone)]
pub struct Evaluator {
	/// The program.
	pub program: PathBuf,
	/// How long one evaluation may run.
	pub timeout: Duration,
}

/// What one evaluation is about.
#[derive(Debug, Clone)]
pub struct Evaluation<'a> {
	/// The directory of the fine-tune's checked files.
	pub artifact: &'a Path,
	/// The fine-tune's registered root.
	pub artifact_root: ContentHash,
	/// Full weights or an adapter.
	pub weights: WeightsKind,
	/// Where the base's weights are published.
	pub base_uri: &'a str,
	/// The base's registered weights root.
	pub base_root: ContentHash,
}

impl Evaluator {
	/// Runs the evaluator on `evaluation`: its score, or why it scores 0. The program runs
	/// on a blocking thread; the async caller waits without holding the executor.
	pub async fn score(&self, evaluation: &Evaluation<'_>) -> Result<Score, String> {
		let mut command = std::process::Command::new(&self.program);
		command
			.arg(evaluation.artifact)
			.arg(evaluation.base_uri)
			.env("GONGYU_WEIGHTS", evaluation.weights.as_str())
			.env(
				"GONGYU_ARTIFACT_ROOT",
				format!("0x{}", hex::encode(evaluation.artifact_root)),
			)
			.env(
				"GONGYU_BASE_ROOT",
				format!("0x{}", hex::encode(evaluation.base_root)),
			)
			.stdin(Stdio::null())
			.stdout(Stdio::piped())
			.stderr(Stdio::piped());
		let program = self.program.clone();
		let timeout = self.timeout;
		tokio::task::spawn_blocking(move || run_with_limit(command, &program, timeout))
			.await
			.map_err(|e| format!("the evaluation task failed: {e}"))?
	}
}

/// Runs `command` for at most `timeout` (then kills it): its score.
fn run_with_limit(
	mut command: std::process::Command,
	program: &Path,
	timeout: Duration,
) -> Result<Score, String> {
	let mut child = command
		.spawn()
		.map_err(|e| format!("cannot start {}: {e}", program.display()))?;
	// Read both pipes as the program writes, so that a chatty program cannot block on them.
	let stdout = child.stdout.take().map(read_bounded);
	let stderr = child.stderr.take().map(read_bounded);
	let started = Instant::now();
	let status = loop {
		match child.try_wait() {
			Ok(Some(status)) => break status,
			Ok(None) if started.elapsed() >= timeout => {
				let _ = child.kill();
				let _ = child.wait();
				return Err(format!(
					"stopped after its limit of {} s",
					timeout.as_secs()
				));
			}
			Ok(None) => std::thread::sleep(Duration::from_millis(20)),
			Err(e) => return Err(format!("{}: {e}", program.display())),
		}
	};
	let collect = |reader: Option<std::thread::JoinHandle<Vec<u8>>>| {
		reader.and_then(|r| r.join().ok()).unwrap_or_default()
	};
	let (stdout, stderr) = (collect(stdout), collect(stderr));
	if !status.success() {
		let stderr = String::from_utf8_lossy(&stderr);
		let start = stderr.len().saturating_sub(500);
		let tail = stderr.get(start..).unwrap_or(&stderr);
		return Err(format!("exited with {status}: {}", tail.trim()));
	}
	parse_score(&String::from_utf8_lossy(&stdout))
}

/// Reads `pipe` to its end on a thread of its own, keeping the first [`MAX_OUTPUT_BYTES`].
fn read_bounded(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
	std::thread::spawn(move || {
		let mut kept = Vec::new();
		let mut buffer = [0u8; 8192];
		while let Ok(read) = pipe.read(&mut buffer) {
			if read == 0 {
				break;
			}
			let room = MAX_OUTPUT_BYTES.saturating_sub(kept.len());
			kept.extend_from_slice(buffer.get(..read.min(room)).unwrap_or_default());
		}
		kept
	})
}

/// The score in an evaluator's output: the last non-empty line, a JSON object whose
/// `score` is a number from 0 to 100, rounded down.
pub fn parse_score(output: &str) -> Result<Score, String> {
	let line = output
		.lines()
		.rev()
		.find(|line| !line.trim().is_empty())
		.ok_or("printed nothing")?;
	let value: serde_json::Value =
		serde_json::from_str(line).map_err(|e| format!("its last line is not JSON: {e}"))?;
	let score = value
		.get("score")
		.and_then(serde_json::Value::as_f64)
		.ok_or("its last line has no numeric `score`")?;
	if !(0.0..=MAX_EVALUATOR_SCORE).contains(&score) {
		return Err(format!("score {score} is outside 0..=100"));
	}
	// In range and rounded down: the conversion is exact.
	Ok(score.floor() as Score)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_score_is_the_last_lines_number_rounded_down() {
		assert_eq!(parse_score("loading...\n{\"score\": 73.9}\n"), Ok(73));
		assert_eq!(parse_score("{\"score\": 0}"), Ok(0));
		assert_eq!(parse_score("{\"score\": 100, \"tasks\": 3}\n\n"), Ok(100));
	}

	#[test]
	fn output_without_a_valid_score_is_refused() {
		for output in [
			"",
			"score: 80",
			"{\"score\": \"80\"}",
			"{\"score\": 101}",
			"{\"score\": -1}",
			"{\"accuracy\": 0.8}",
		] {
			assert!(parse_score(output).is_err(), "{output}");
		}
	}

	fn script(body: &str) -> (tempfile::TempDir, Evaluator) {
		use std::os::unix::fs::PermissionsExt;
		let dir = tempfile::tempdir().unwrap();
		let program = dir.path().join("evaluate.sh");
		std::fs::write(&program, format!("#!/bin/sh\n{body}\n")).unwrap();
		std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
		let evaluator = Evaluator {
			program,
			timeout: Duration::from_secs(2),
		};
		(dir, evaluator)
	}

	fn evaluation(artifact: &Path) -> Evaluation<'_> {
		Evaluation {
			artifact,
			artifact_root: [1; 32],
			weights: WeightsKind::Lora,
			base_uri: "https://models.example/base/",
			base_root: [2; 32],
		}
	}

	#[tokio::test]
	async fn the_evaluator_gets_the_artifact_and_the_base_and_its_score_counts() {
		let (dir, evaluator) = script(
			"test -d \"$1\" && test \"$2\" = https://models.example/base/ \
			 && test \"$GONGYU_WEIGHTS\" = lora && test \"$GONGYU_BASE_ROOT\" = 0x$(printf '02%.0s' $(seq 32)) \
			 && echo '{\"score\": 61.5}'",
		);
		assert_eq!(evaluator.score(&evaluation(dir.path())).await, Ok(61));
	}

	#[tokio::test]
	async fn a_failing_slow_or_silent_evaluator_is_an_error() {
		let (dir, failing) = script("echo broken >&2; exit 3");
		let error = failing.score(&evaluation(dir.path())).await.unwrap_err();
		assert!(error.contains("broken"), "{error}");
		let (_slow_dir, slow) = script("sleep 30; echo '{\"score\": 99}'");
		let error = slow.score(&evaluation(dir.path())).await.unwrap_err();
		assert!(error.contains("limit"), "{error}");
		let (_silent_dir, silent) = script("true");
		assert!(silent.score(&evaluation(dir.path())).await.is_err());
	}
}
