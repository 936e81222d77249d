//! `gongyu-node hash PATH`: the BLAKE3 content root of a file or a directory, as Gongyu
//! registers contributions.
//!
//! - A file's root is the BLAKE3 of its bytes.
//! - A directory's root is the BLAKE3 of its manifest: one line per regular file below it,
//!   `<blake3 hex> <size> <relative path>\n`, with `/` separators, sorted by path (bytewise).
//!   Empty directories contribute nothing; symbolic links are followed (a loop is an error).
//!
//! Large files are memory-mapped and hashed on every core (BLAKE3's SIMD and rayon support).

use std::{
	fmt, io,
	path::{Path, PathBuf},
	time::Duration,
};

use indicatif::{ProgressBar, ProgressStyle};

/// Files at least this large are memory-mapped and hashed in parallel.
pub const PARALLEL_THRESHOLD: u64 = 1 << 20;

/// Arguments of `gongyu-node hash`.
#[derive(Debug, Clone, clap::Parser)]
pub struct HashCmd {
	/// The file or directory to hash.
	pub path: PathBuf,

	/// Print JSON (`{"root":"0x…","size":…,"files":…}`) instead of text.
	#[arg(long)]
	pub json: bool,

	/// For a directory: also write its manifest to this file.
	#[arg(long, value_name = "FILE")]
	pub manifest: Option<PathBuf>,

	/// Do not show a progress bar.
	#[arg(long, short)]
	pub quiet: bool,
}

/// The content root of a file or directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentRoot {
	/// BLAKE3 of the file's bytes, or of the directory's manifest.
	pub root: [u8; 32],
	/// Total size of the hashed files in bytes.
	pub size: u64,
	/// Number of files hashed.
	pub files: u64,
	/// The manifest, for a directory.
	pub manifest: Option<String>,
}

impl ContentRoot {
	/// The root as `0x`-prefixed hex, the form polkadot.js takes.
	pub fn root_hex(&self) -> String {
		format!("0x{}", hex::encode(self.root))
	}
}

/// Why hashing failed.
#[derive(Debug)]
pub enum HashError {
	/// The path does not exist.
	NotFound(PathBuf),
	/// A file or directory could not be read.
	Unreadable(PathBuf, io::Error),
	/// Symbolic links form a loop.
	SymlinkLoop(PathBuf),
	/// A path below the directory is not valid UTF-8, so it has no manifest form.
	NonUtf8Path(PathBuf),
	/// The path is neither a regular file nor a directory.
	Unsupported(PathBuf),
}

impl fmt::Display for HashError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::NotFound(p) => write!(f, "{}: no such file or directory", p.display()),
			Self::Unreadable(p, e) => write!(
				f,
				"{}: cannot be read ({e}); check its permissions",
				p.display()
			),
			Self::SymlinkLoop(p) => write!(
				f,
				"{}: symbolic links form a loop; remove or fix the link",
				p.display()
			),
			Self::NonUtf8Path(p) => write!(
				f,
				"{}: the path is not valid UTF-8; rename it (manifests list UTF-8 paths)",
				p.display()
			),
			Self::Unsupported(p) => write!(
				f,
				"{}: not a regular file or directory (devices, sockets and pipes cannot be hashed)",
				p.display()
			),
		}
	}
}

impl std::error::Error for HashError {}

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
			let manifest = content.manifest.as_deref().ok_or_else(|| {
				format!(
					"{}: --manifest is only for directories",
					self.path.display()
				)
			})?;
			std::fs::write(target, manifest)
				.map_err(|e| format!("{}: cannot write the manifest ({e})", target.display()))?;
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

/// Hashes the file or directory at `path`, advancing `progress` by the bytes hashed.
pub fn hash_path(path: &Path, progress: &ProgressBar) -> Result<ContentRoot, HashError> {
	let metadata = std::fs::metadata(path).map_err(|e| classify(path, e))?;
	if metadata.is_file() {
		progress.set_length(metadata.len());
		progress.set_message(path.display().to_string());
		let (root, size) = hash_file(path, progress)?;
		Ok(ContentRoot {
			root,
			size,
			files: 1,
			manifest: None,
		})
	} else if metadata.is_dir() {
		hash_directory(path, progress)
	} else {
		Err(HashError::Unsupported(path.to_path_buf()))
	}
}

/// BLAKE3 and size of one file.
pub fn hash_file(path: &Path, progress: &ProgressBar) -> Result<([u8; 32], u64), HashError> {
	let mut hasher = blake3::Hasher::new();
	let size = std::fs::metadata(path)
		.map_err(|e| classify(path, e))?
		.len();
	if size >= PARALLEL_THRESHOLD {
		hasher
			.update_mmap_rayon(path)
			.map_err(|e| classify(path, e))?;
	} else {
		let mut file = std::fs::File::open(path).map_err(|e| classify(path, e))?;
		io::copy(&mut file, &mut hasher).map_err(|e| classify(path, e))?;
	}
	progress.inc(size);
	Ok((*hasher.finalize().as_bytes(), size))
}

/// The manifest root of the directory at `dir`.
pub fn hash_directory(dir: &Path, progress: &ProgressBar) -> Result<ContentRoot, HashError> {
	let mut files = Vec::new();
	for entry in walkdir::WalkDir::new(dir).follow_links(true) {
		let entry = entry.map_err(|e| walk_error(dir, e))?;
		if entry.file_type().is_dir() {
			continue;
		}
		if !entry.file_type().is_file() {
			return Err(HashError::Unsupported(entry.path().to_path_buf()));
		}
		let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
		let mut parts = Vec::new();
		for component in relative.components() {
			let part = component
				.as_os_str()
				.to_str()
				.ok_or_else(|| HashError::NonUtf8Path(entry.path().to_path_buf()))?;
			parts.push(part.to_owned());
		}
		let size = entry.metadata().map_err(|e| walk_error(dir, e))?.len();
		files.push((parts.join("/"), entry.path().to_path_buf(), size));
	}
	files.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));

	let total: u64 = files.iter().map(|(_, _, size)| *size).sum();
	progress.set_length(total);
	let mut manifest = String::new();
	let mut size_sum: u64 = 0;
	for (relative, path, _) in &files {
		progress.set_message(relative.clone());
		let (root, size) = hash_file(path, progress)?;
		size_sum = size_sum.saturating_add(size);
		manifest.push_str(&format!("{} {} {}\n", hex::encode(root), size, relative));
	}
	let root = *blake3::hash(manifest.as_bytes()).as_bytes();
	Ok(ContentRoot {
		root,
		size: size_sum,
		files: files.len() as u64,
		manifest: Some(manifest),
	})
}

fn classify(path: &Path, error: io::Error) -> HashError {
	match error.kind() {
		io::ErrorKind::NotFound => HashError::NotFound(path.to_path_buf()),
		_ if error.raw_os_error() == Some(40) => HashError::SymlinkLoop(path.to_path_buf()),
		_ => HashError::Unreadable(path.to_path_buf(), error),
	}
}

fn walk_error(dir: &Path, error: walkdir::Error) -> HashError {
	let path = error.path().unwrap_or(dir).to_path_buf();
	if error.loop_ancestor().is_some() {
		return HashError::SymlinkLoop(path);
	}
	match error.into_io_error() {
		Some(io) => classify(&path, io),
		None => HashError::Unreadable(path, io::Error::other("cannot be walked")),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const EMPTY: &str = "0xaf1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262";
	const ABC: &str = "0x6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85";

	fn hidden() -> ProgressBar {
		ProgressBar::hidden()
	}

	#[test]
	fn files_hash_to_known_blake3_vectors() {
		let dir = tempfile::tempdir().unwrap();
		std::fs::write(dir.path().join("empty"), b"").unwrap();
		std::fs::write(dir.path().join("abc"), b"abc").unwrap();
		let empty = hash_path(&dir.path().join("empty"), &hidden()).unwrap();
		assert_eq!(empty.root_hex(), EMPTY);
		assert_eq!((empty.size, empty.files, empty.manifest), (0, 1, None));
		assert_eq!(
			hash_path(&dir.path().join("abc"), &hidden())
				.unwrap()
				.root_hex(),
			ABC
		);
	}

	#[test]
	fn large_file_parallel_path_matches_the_reference() {
		let dir = tempfile::tempdir().unwrap();
		let bytes: Vec<u8> = (0..3 * PARALLEL_THRESHOLD)
			.map(|i| (i % 251) as u8)
			.collect();
		std::fs::write(dir.path().join("big"), &bytes).unwrap();
		let content = hash_path(&dir.path().join("big"), &hidden()).unwrap();
		assert_eq!(content.root, *blake3::hash(&bytes).as_bytes());
		assert_eq!(content.size, bytes.len() as u64);
	}

	#[test]
	fn directory_manifest_is_sorted_nested_and_skips_empty_dirs() {
		let dir = tempfile::tempdir().unwrap();
		let root = dir.path();
		std::fs::create_dir_all(root.join("b/nested")).unwrap();
		std::fs::create_dir_all(root.join("empty/dir")).unwrap();
		std::fs::write(root.join("b/nested/z.txt"), b"abc").unwrap();
		std::fs::write(root.join("a.txt"), b"").unwrap();
		std::fs::write(root.join("B.txt"), b"abc").unwrap();

		let content = hash_path(root, &hidden()).unwrap();
		let expected = format!(
			"{abc} 3 B.txt\n{empty} 0 a.txt\n{abc} 3 b/nested/z.txt\n",
			abc = &ABC[2..],
			empty = &EMPTY[2..],
		);
		assert_eq!(content.manifest.as_deref(), Some(expected.as_str()));
		assert_eq!(content.root, *blake3::hash(expected.as_bytes()).as_bytes());
		assert_eq!((content.size, content.files), (6, 3));
	}

	#[test]
	fn directory_root_does_not_depend_on_creation_order() {
		let first = tempfile::tempdir().unwrap();
		let second = tempfile::tempdir().unwrap();
		for name in ["x", "m/y", "a/b/c"] {
			let path = first.path().join(name);
			std::fs::create_dir_all(path.parent().unwrap()).unwrap();
			std::fs::write(path, name.as_bytes()).unwrap();
		}
		for name in ["a/b/c", "x", "m/y"] {
			let path = second.path().join(name);
			std::fs::create_dir_all(path.parent().unwrap()).unwrap();
			std::fs::write(path, name.as_bytes()).unwrap();
		}
		assert_eq!(
			hash_path(first.path(), &hidden()).unwrap().root,
			hash_path(second.path(), &hidden()).unwrap().root
		);
	}

	#[test]
	fn empty_directory_hashes_the_empty_manifest() {
		let dir = tempfile::tempdir().unwrap();
		let content = hash_path(dir.path(), &hidden()).unwrap();
		assert_eq!(content.root_hex(), EMPTY);
		assert_eq!(content.files, 0);
	}

	#[test]
	fn missing_path_and_symlink_loop_are_named_errors() {
		let dir = tempfile::tempdir().unwrap();
		let missing = hash_path(&dir.path().join("nope"), &hidden()).unwrap_err();
		assert!(matches!(missing, HashError::NotFound(_)), "{missing}");

		std::fs::create_dir(dir.path().join("d")).unwrap();
		std::os::unix::fs::symlink(dir.path().join("d"), dir.path().join("d/loop")).unwrap();
		let looped = hash_path(&dir.path().join("d"), &hidden()).unwrap_err();
		assert!(matches!(looped, HashError::SymlinkLoop(_)), "{looped}");

		std::os::unix::fs::symlink("self", dir.path().join("self")).unwrap();
		let self_loop = hash_path(&dir.path().join("self"), &hidden()).unwrap_err();
		assert!(
			matches!(self_loop, HashError::SymlinkLoop(_)),
			"{self_loop}"
		);
	}
}
