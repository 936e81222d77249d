//! Fetching a contribution's bytes and hashing them as `gongyu-node hash` does.

use std::{fmt, path::Path, time::Duration};

use futures::StreamExt;
use indicatif::ProgressBar;
use tokio::io::AsyncReadExt;

/// Timeouts and retries of one fetch.
#[derive(Debug, Clone)]
pub struct FetchLimits {
	/// Longest time one attempt may take, download and hashing included.
	pub timeout: Duration,
	/// Attempts after the first one fails.
	pub retries: u32,
	/// Pause between attempts.
	pub retry_delay: Duration,
}

impl Default for FetchLimits {
	fn default() -> Self {
		Self {
			timeout: Duration::from_secs(60),
			retries: 2,
			retry_delay: Duration::from_secs(2),
		}
	}
}

/// What a fetch found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchedContent {
	/// BLAKE3 root of the bytes (or of the directory manifest).
	pub root: [u8; 32],
	/// Number of bytes.
	pub size: u64,
}

/// Why a fetch failed.
#[derive(Debug)]
pub enum FetchError {
	/// The URI scheme is not `file`, `http` or `https`.
	UnsupportedScheme,
	/// More bytes than registered: a mismatch, found without reading them all.
	TooLarge,
	/// The bytes could not be read or downloaded.
	Failed(String),
	/// The attempt ran out of time.
	TimedOut,
}

impl fmt::Display for FetchError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::UnsupportedScheme => write!(f, "unsupported URI scheme"),
			Self::TooLarge => write!(f, "more bytes than registered"),
			Self::Failed(reason) => write!(f, "{reason}"),
			Self::TimedOut => write!(f, "timed out"),
		}
	}
}

/// Fetches `uri` and hashes it, with `limits`' timeout per attempt and retries. A mismatch in
/// size is not retried.
pub async fn fetch_and_hash(
	uri: &str,
	expected_size: u64,
	limits: &FetchLimits,
) -> Result<FetchedContent, FetchError> {
	let mut last = FetchError::TimedOut;
	for attempt in 0..=limits.retries {
		if attempt > 0 {
			tokio::time::sleep(limits.retry_delay).await;
		}
		match tokio::time::timeout(limits.timeout, fetch_once(uri, expected_size)).await {
			Ok(Ok(content)) => return Ok(content),
			Ok(Err(error @ (FetchError::TooLarge | FetchError::UnsupportedScheme))) => {
				return Err(error)
			}
			Ok(Err(error)) => last = error,
			Err(_) => last = FetchError::TimedOut,
		}
	}
	Err(last)
}

async fn fetch_once(uri: &str, expected_size: u64) -> Result<FetchedContent, FetchError> {
	if let Some(path) = uri.strip_prefix("file://") {
		fetch_file(Path::new(path), expected_size).await
	} else if uri.starts_with("http://") || uri.starts_with("https://") {
		fetch_http(uri, expected_size).await
	} else {
		Err(FetchError::UnsupportedScheme)
	}
}

async fn fetch_file(path: &Path, expected_size: u64) -> Result<FetchedContent, FetchError> {
	let metadata = tokio::fs::metadata(path)
		.await
		.map_err(|e| FetchError::Failed(format!("{}: {e}", path.display())))?;
	if metadata.is_file() && metadata.len() > expected_size {
		return Err(FetchError::TooLarge);
	}
	if metadata.is_file() && metadata.len() < crate::hash::PARALLEL_THRESHOLD {
		let mut file = tokio::fs::File::open(path)
			.await
			.map_err(|e| FetchError::Failed(format!("{}: {e}", path.display())))?;
		let mut hasher = blake3::Hasher::new();
		let mut buffer = vec![0u8; 64 * 1024];
		let mut size: u64 = 0;
		loop {
			let read = file
				.read(&mut buffer)
				.await
				.map_err(|e| FetchError::Failed(e.to_string()))?;
			if read == 0 {
				break;
			}
			size = size.saturating_add(read as u64);
			hasher.update(buffer.get(..read).unwrap_or_default());
		}
		return Ok(FetchedContent {
			root: *hasher.finalize().as_bytes(),
			size,
		});
	}
	// Large files and directories: the same code as `gongyu-node hash`, off the async runtime.
	let path = path.to_path_buf();
	let content =
		tokio::task::spawn_blocking(move || crate::hash::hash_path(&path, &ProgressBar::hidden()))
			.await
			.map_err(|e| FetchError::Failed(e.to_string()))?
			.map_err(|e| FetchError::Failed(e.to_string()))?;
	Ok(FetchedContent {
		root: content.root,
		size: content.size,
	})
}

async fn fetch_http(uri: &str, expected_size: u64) -> Result<FetchedContent, FetchError> {
	let client = reqwest::Client::builder()
		.connect_timeout(Duration::from_secs(10))
		.build()
		.map_err(|e| FetchError::Failed(e.to_string()))?;
	let response = client
		.get(uri)
		.send()
		.await
		.map_err(|e| FetchError::Failed(e.to_string()))?;
	let status = response.status();
	if !status.is_success() {
		return Err(FetchError::Failed(format!("HTTP {status}")));
	}
	if response
		.content_length()
		.is_some_and(|len| len > expected_size)
	{
		return Err(FetchError::TooLarge);
	}
	let mut hasher = blake3::Hasher::new();
	let mut size: u64 = 0;
	let mut body = response.bytes_stream();
	while let Some(chunk) = body.next().await {
		let chunk = chunk.map_err(|e| FetchError::Failed(e.to_string()))?;
		size = size.saturating_add(chunk.len() as u64);
		if size > expected_size {
			return Err(FetchError::TooLarge);
		}
		hasher.update(&chunk);
	}
	Ok(FetchedContent {
		root: *hasher.finalize().as_bytes(),
		size,
	})
}

#[cfg(test)]
mod tests {
	use super::*;

	fn quick() -> FetchLimits {
		FetchLimits {
			timeout: Duration::from_secs(5),
			retries: 1,
			retry_delay: Duration::from_millis(10),
		}
	}

	#[tokio::test]
	async fn file_uri_hashes_like_the_cli() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("data.bin");
		std::fs::write(&path, b"abc").unwrap();
		let uri = format!("file://{}", path.display());
		let content = fetch_and_hash(&uri, 3, &quick()).await.unwrap();
		assert_eq!(content.root, *blake3::hash(b"abc").as_bytes());
		assert_eq!(content.size, 3);
	}

	#[tokio::test]
	async fn more_bytes_than_registered_is_too_large() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("data.bin");
		std::fs::write(&path, b"abcdef").unwrap();
		let uri = format!("file://{}", path.display());
		assert!(matches!(
			fetch_and_hash(&uri, 3, &quick()).await,
			Err(FetchError::TooLarge)
		));
	}

	#[tokio::test]
	async fn missing_file_and_closed_port_fail_after_retries() {
		let missing = fetch_and_hash("file:///nonexistent/gongyu", 3, &quick()).await;
		assert!(matches!(missing, Err(FetchError::Failed(_))));
		let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
		let port = listener.local_addr().unwrap().port();
		drop(listener);
		let closed = fetch_and_hash(&format!("http://127.0.0.1:{port}/x"), 3, &quick()).await;
		assert!(matches!(closed, Err(FetchError::Failed(_))));
	}

	#[tokio::test]
	async fn unsupported_scheme_is_not_retried() {
		assert!(matches!(
			fetch_and_hash("ftp://example/x", 3, &quick()).await,
			Err(FetchError::UnsupportedScheme)
		));
	}
}
