//! `gongyu-node measure DIR`: what verifiers will count in a carded dataset directory, and
//! what the chain makes of it, before anything is submitted. The same [`Measurer`] the
//! verifier service runs, over the data files the card names.

use std::{io::Read, path::PathBuf, time::Instant};

use pallet_contributions::{quality, RecordCounts};
use sp_core::Get;

use crate::{
	content::{Card, CARD_FILE},
	dataset::{DatasetSpec, Measurer},
};

/// Arguments of `gongyu-node measure`.
#[derive(Debug, Clone, clap::Parser)]
pub struct MeasureCmd {
	/// The dataset directory, holding its card (`gongyu.json`, e.g. written by
	/// `scripts/gongyu contribute --dry-run`).
	pub path: PathBuf,

	/// Print JSON instead of text.
	#[arg(long)]
	pub json: bool,
}

impl MeasureCmd {
	/// Runs the command: prints the counts, the score and the rewarded bytes.
	pub fn run(&self) -> Result<(), String> {
		let card_path = self.path.join(CARD_FILE);
		let card = std::fs::read(&card_path)
			.map_err(|e| format!("{}: {e} (write the card first)", card_path.display()))?;
		let spec = Card::parse(&card)
			.map_err(|e| e.to_string())?
			.dataset
			.ok_or_else(|| {
				format!(
					"{}: the card declares no `dataset` (format, language, files)",
					card_path.display()
				)
			})?;
		let started = Instant::now();
		let (counts, bytes) = self.measure(spec)?;
		let seconds = started.elapsed().as_secs_f64();
		let max_score = <gongyu_runtime::Runtime as pallet_contributions::Config>::MaxScore::get();
		let score = quality::dataset_score(&counts, max_score);
		let rewarded = quality::rewarded_bytes(&counts);
		if self.json {
			let value = serde_json::json!({
				"records": counts.records,
				"valid": counts.valid,
				"duplicates": counts.duplicates,
				"in_language": counts.in_language,
				"useful_bytes": counts.useful_bytes,
				"score": score,
				"rewarded_bytes": rewarded,
				"bytes_read": bytes,
				"seconds": seconds,
			});
			println!("{value}");
		} else {
			println!(
				"{} records: {} valid, {} duplicate(s), {} in language\nscore {score} of \
				 {max_score}, rewarded for {rewarded} of {bytes} bytes ({seconds:.2} s)",
				counts.records, counts.valid, counts.duplicates, counts.in_language
			);
		}
		Ok(())
	}

	/// Counts the records of the data files `spec` names; also returns the bytes read.
	fn measure(&self, spec: DatasetSpec) -> Result<(RecordCounts, u64), String> {
		let files = spec.files.clone();
		let mut measurer = Measurer::new(spec);
		let mut buffer = vec![0u8; 1 << 20];
		for name in &files {
			let path = self.path.join(name);
			let mut file =
				std::fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
			measurer.start_file(name);
			loop {
				let read = file
					.read(&mut buffer)
					.map_err(|e| format!("{}: {e}", path.display()))?;
				if read == 0 {
					break;
				}
				measurer.update(buffer.get(..read).unwrap_or_default());
			}
			measurer.finish_file();
		}
		let total = measurer.data_bytes();
		let measurement = measurer
			.finish()
			.map_err(|e| format!("verifiers would attest BadFormat: {e}"))?;
		Ok((measurement.counts, total))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn command(dir: &std::path::Path) -> MeasureCmd {
		MeasureCmd {
			path: dir.to_path_buf(),
			json: true,
		}
	}

	const CARD: &str = r#"{"owner":"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY","kind":"dataset","license":"MIT","dataset":{"format":"tsv","fields":["ko","en"],"language":"ko-en","files":["pairs.tsv"]}}"#;

	#[test]
	fn a_carded_dataset_is_counted_as_verifiers_count_it() {
		let dir = tempfile::tempdir().unwrap();
		std::fs::write(dir.path().join(CARD_FILE), CARD).unwrap();
		std::fs::write(
			dir.path().join("pairs.tsv"),
			"사과\tapple\n사과\tAPPLE\nbroken\n",
		)
		.unwrap();
		let spec = Card::parse(CARD.as_bytes()).unwrap().dataset.unwrap();
		let (counts, bytes) = command(dir.path()).measure(spec).unwrap();
		assert_eq!(
			counts,
			RecordCounts {
				records: 3,
				valid: 2,
				duplicates: 1,
				in_language: 1,
				// The fields' bytes, not the tab between them.
				useful_bytes: "사과apple".len() as u64,
			}
		);
		assert_eq!(bytes, 33);
		assert!(command(dir.path()).run().is_ok());
	}

	#[test]
	fn what_verifiers_would_refuse_is_named_and_nothing_is_written() {
		let dir = tempfile::tempdir().unwrap();
		let error = command(dir.path()).run().unwrap_err();
		assert!(error.contains("write the card first"), "{error}");

		let tune = r#"{"owner":"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY","kind":"fine-tune","base_model":0,"license":"MIT"}"#;
		std::fs::write(dir.path().join(CARD_FILE), tune).unwrap();
		let error = command(dir.path()).run().unwrap_err();
		assert!(error.contains("declares no `dataset`"), "{error}");

		std::fs::write(dir.path().join(CARD_FILE), CARD).unwrap();
		std::fs::write(dir.path().join("pairs.tsv"), [0xff, 0xfe, b'\n']).unwrap();
		let error = command(dir.path()).run().unwrap_err();
		assert_eq!(
			error,
			"verifiers would attest BadFormat: pairs.tsv is not UTF-8 text"
		);
		assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
	}
}
