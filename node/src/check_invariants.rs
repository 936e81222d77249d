//! `gongyu-node check-invariants`: checks the runtime's invariants
//! (`gongyu_runtime::invariants::check_all`: every pallet's `try_state`, and total issuance
//! against all balances) on the genesis state of a chain spec. Pointed at the output of
//! `gongyu-node export-state`, it checks the state a running chain has built.

use sc_cli::SubstrateCli;

/// `gongyu-node check-invariants --chain <spec>`.
#[derive(Debug, clap::Parser)]
pub struct CheckInvariantsCmd {
	/// The chain spec whose state to check: `dev`, `local`, or a file such as the output of
	/// `gongyu-node export-state`.
	#[arg(long, value_name = "CHAIN_SPEC")]
	pub chain: String,
}

impl CheckInvariantsCmd {
	/// Builds the spec's state and checks it; says which invariant failed.
	pub fn run(&self, cli: &crate::cli::Cli) -> Result<(), String> {
		let spec = cli.load_spec(&self.chain)?;
		let storage = spec
			.as_storage_builder()
			.build_storage()
			.map_err(|e| format!("cannot build the state of `{}`: {e}", self.chain))?;
		sp_io::TestExternalities::new(storage)
			.execute_with(gongyu_runtime::invariants::check_all)
			.map_err(|violation| {
				format!(
					"an invariant does not hold in `{}`: {violation}",
					self.chain
				)
			})?;
		println!("every invariant holds in the state of `{}`", spec.name());
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_presets_satisfy_every_invariant() {
		let cli = <crate::cli::Cli as clap::Parser>::parse_from(["gongyu-node"]);
		for chain in ["dev", "local"] {
			let command = CheckInvariantsCmd {
				chain: chain.into(),
			};
			assert_eq!(command.run(&cli), Ok(()), "{chain}");
		}
	}
}
