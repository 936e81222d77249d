#![allow(clippy::arithmetic_side_effects)]

use super::*;

/// A tensor as the tests write it: name, dtype, shape.
pub type TensorRow<'a> = (&'a str, &'a str, &'a [u64]);

/// A safetensors file of zeros holding `tensors`, in that order.
pub fn safetensors_file(tensors: &[TensorRow]) -> Vec<u8> {
	let mut header = serde_json::Map::new();
	let mut offset = 0u64;
	for (name, dtype, shape) in tensors {
		let width = match *dtype {
			"F64" => 8,
			"F32" | "I32" => 4,
			"F16" | "BF16" => 2,
			_ => 1,
		};
		let size = shape.iter().product::<u64>() * width;
		header.insert(
			(*name).to_owned(),
			serde_json::json!({"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + size]}),
		);
		offset += size;
	}
	let json = serde_json::Value::Object(header).to_string();
	let mut bytes = (json.len() as u64).to_le_bytes().to_vec();
	bytes.extend_from_slice(json.as_bytes());
	bytes.resize(bytes.len() + offset as usize, 0);
	bytes
}

fn architecture(files: &[Vec<u8>]) -> Architecture {
	let mut architecture = Architecture::default();
	for (index, file) in files.iter().enumerate() {
		let mut collector = HeaderCollector::default();
		// One byte at a time: the collector must not depend on chunk boundaries.
		for byte in file {
			collector.update(std::slice::from_ref(byte));
		}
		let header = collector.into_header().unwrap();
		architecture
			.add_file(&format!("part-{index}"), &header, file.len() as u64)
			.unwrap();
	}
	architecture
}

const BASE: &[TensorRow] = &[
	("model.embed.weight", "F32", &[32, 16]),
	("model.layers.0.q_proj.weight", "F32", &[16, 16]),
	("model.layers.0.v_proj.weight", "F32", &[16, 16]),
];

fn base() -> Architecture {
	architecture(&[safetensors_file(BASE)])
}

#[test]
fn the_fingerprint_is_the_tensor_list_whatever_the_files_or_their_order() {
	let split = architecture(&[
		safetensors_file(&BASE[2..]),
		safetensors_file(&[BASE[1], BASE[0]]),
	]);
	assert_eq!(split.fingerprint(), base().fingerprint());
	assert_eq!(split.len(), 3);
	// The documented line format, hashed.
	let lines = "[\"model.embed.weight\",\"F32\",[32,16]]\n\
		[\"model.layers.0.q_proj.weight\",\"F32\",[16,16]]\n\
		[\"model.layers.0.v_proj.weight\",\"F32\",[16,16]]\n";
	assert_eq!(
		base().fingerprint(),
		*blake3::hash(lines.as_bytes()).as_bytes()
	);
}

#[test]
fn full_weights_fit_only_the_same_architecture() {
	assert_eq!(base().check_full(&base()), Ok(()));
	let wider = architecture(&[safetensors_file(&[
		BASE[0],
		BASE[1],
		("model.layers.0.v_proj.weight", "F32", &[16, 17]),
	])]);
	let error = wider.check_full(&base()).unwrap_err();
	assert!(error.0.contains("model.layers.0.v_proj.weight"), "{error}");
	let half = architecture(&[safetensors_file(&[
		("model.embed.weight", "F16", &[32, 16]),
		BASE[1],
		BASE[2],
	])]);
	assert!(half.check_full(&base()).is_err());
	let fewer = architecture(&[safetensors_file(&BASE[..2])]);
	assert!(fewer.check_full(&base()).is_err());
	assert!(Architecture::default().check_full(&base()).is_err());
}

fn adapter(tensors: &[TensorRow]) -> Result<(), ArchitectureError> {
	architecture(&[safetensors_file(tensors)]).check_adapter(&base())
}

#[test]
fn an_adapter_fits_when_its_factors_are_low_rank_factors_of_base_modules() {
	assert_eq!(
		adapter(&[
			(
				"base_model.model.model.layers.0.q_proj.lora_A.weight",
				"F32",
				&[4, 16]
			),
			(
				"base_model.model.model.layers.0.q_proj.lora_B.weight",
				"F32",
				&[16, 4]
			),
			(
				"base_model.model.model.layers.0.v_proj.lora_A.weight",
				"BF16",
				&[2, 16]
			),
			(
				"base_model.model.model.layers.0.v_proj.lora_B.weight",
				"BF16",
				&[16, 2]
			),
		]),
		Ok(())
	);
}

#[test]
fn adapters_that_do_not_fit_are_named() {
	let a = "base_model.model.model.layers.0.q_proj.lora_A.weight";
	let b = "base_model.model.model.layers.0.q_proj.lora_B.weight";
	let cases: &[(&[TensorRow], &str)] = &[
		// Full weights passed off as an adapter.
		(BASE, "not a LoRA factor"),
		(&[(a, "F32", &[4, 16])], "lacks one of its two"),
		(
			&[
				(
					"base_model.model.model.layers.9.q_proj.lora_A.weight",
					"F32",
					&[4, 16],
				),
				(
					"base_model.model.model.layers.9.q_proj.lora_B.weight",
					"F32",
					&[16, 4],
				),
			],
			"no module",
		),
		(&[(a, "F32", &[4, 15]), (b, "F32", &[16, 4])], "do not fit"),
		(&[(a, "F32", &[4, 16]), (b, "F32", &[16, 3])], "do not fit"),
		// Padding: a "low-rank" factor as large as the module itself.
		(&[(a, "F32", &[16, 16]), (b, "F32", &[16, 16])], "not low"),
		(
			&[(a, "F32", &[4, 16]), (b, "F16", &[16, 4])],
			"floating dtype",
		),
		(
			&[(a, "I32", &[4, 16]), (b, "I32", &[16, 4])],
			"floating dtype",
		),
		(&[], "no tensors"),
	];
	for (tensors, reason) in cases {
		let error = adapter(tensors).unwrap_err();
		assert!(error.0.contains(reason), "{reason}: {error}");
	}
}

#[test]
fn headers_that_lie_about_the_file_are_refused() {
	let mut file = safetensors_file(BASE);
	let mut collector = HeaderCollector::default();
	collector.update(&file);
	let header = collector.into_header().unwrap();
	// One byte more than the header describes.
	file.push(0);
	let error = Architecture::default()
		.add_file("w.safetensors", &header, file.len() as u64)
		.unwrap_err();
	assert!(error.0.contains("the header describes"), "{error}");
	// Random bytes: a length prefix far beyond the limit.
	let mut junk = HeaderCollector::default();
	junk.update(&[0xff; 64]);
	assert!(junk.into_header().unwrap_err().contains("larger than"));
	// A file that ends inside its header.
	let mut short = HeaderCollector::default();
	short.update(&file[..20]);
	assert!(short.into_header().unwrap_err().contains("ends inside"));
	// A header that is not safetensors JSON.
	let mut bad = 4u64.to_le_bytes().to_vec();
	bad.extend_from_slice(b"nope");
	assert!(Architecture::default()
		.add_file("w.safetensors", &bad, 12)
		.is_err());
}

#[test]
fn a_directory_architecture_reads_every_weights_file_below_it() {
	let dir = tempfile::tempdir().unwrap();
	std::fs::create_dir(dir.path().join("shards")).unwrap();
	std::fs::write(
		dir.path().join("a.safetensors"),
		safetensors_file(&BASE[..1]),
	)
	.unwrap();
	std::fs::write(
		dir.path().join("shards/b.safetensors"),
		safetensors_file(&BASE[1..]),
	)
	.unwrap();
	std::fs::write(dir.path().join("config.json"), "{}").unwrap();
	let read = Architecture::of_directory(dir.path()).unwrap();
	assert_eq!(read.fingerprint(), base().fingerprint());
	let empty = tempfile::tempdir().unwrap();
	assert!(Architecture::of_directory(empty.path()).is_err());
}
