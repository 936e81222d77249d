//! `gongyu-node hash PATH`: the BLAKE3 content root of a file or a directory, as Gongyu
//! registers contributions (the rules are in [`crate::content`]).

use std::{path::PathBuf, time::Duration};

use indicatif::{ProgressBar, ProgressStyle};

use crate::content::{hash_path, CARD_FILE};

/// Arguments of `gongyu-node hash`.
#[derive(Debug, Clone, clap::Parser)]
pub struct HashCmd {
	/// The file or directory to hash.
	pub path: PathBuf,

	/// Print JSON (`{"root":"0x…","size":…,"files":…}`) instead of text.
	#[arg(long)]
	pub json: bool,

	/// For a directory: also write its manifest to this file. Publish it as
	/// `gongyu-manifest.txt` at the top of the directory (which is left out of the root), so
	/// that verifiers can fetch the directory over HTTP.
	#[arg(long, value_name = "FILE")]
	pub manifest: Option<PathBuf>,

	/// Do not show a progress bar.
	#[arg(long, short)]
	pub quiet: bool,
}

impl HashCmd {
	/// Runs the command: prints the root (and writes the manifest if asked).
	pub fn run(&self) -> Result<(), String> {
		let progress = if self.quiet {
			ProgressBar::hidden()
		} else {
			progress_bar()
		};
		let content = hash_path(&self.path, &progress).map_err(|e| e.to_string())?;
		progress.finish_and_clear();

		if let Some(target) = &self.manifest {
			let manifest = content.manifest.as_ref().ok_or_else(|| {
				format!(
					"{}: --manifest is only for directories",
					self.path.display()
				)
			})?;
			std::fs::write(target, manifest.render())
				.map_err(|e| format!("{}: cannot write the manifest ({e})", target.display()))?;
		}

		let has_card = content
			.manifest
			.as_ref()
			.is_some_and(|m| m.entry(CARD_FILE).is_some());
		if !has_card && !self.quiet {
			eprintln!(
				"note: no {CARD_FILE} card at the top of {}: verifiers attest CardMismatch for \
				 contributions without one; `scripts/gongyu contribute` writes it",
				self.path.display()
			);
		}
		if self.json {
			let value = serde_json::json!({
				"path": self.path.display().to_string(),
				"root": content.root_hex(),
				"size": content.size,
				"files": content.files,
				"kind": if content.manifest.is_some() { "directory" } else { "file" },
			});
			println!("{value}");
		} else {
			println!(
				"{}  {} bytes  {} file(s)  {}",
				content.root_hex(),
				content.size,
				content.files,
				self.path.display()
			);
		}
		Ok(())
	}
}

fn progress_bar() -> ProgressBar {
	let bar = ProgressBar::new(0);
	bar.set_style(
		ProgressStyle::with_template(
			"{spinner} hashing {msg} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
		)
		.unwrap_or_else(|_| ProgressStyle::default_bar())
		.progress_chars("=> "),
	);
	bar.enable_steady_tick(Duration::from_millis(200));
	bar
}
