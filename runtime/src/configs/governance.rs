//! Who decides what: the origins that own the chain's privileged decisions.

use frame_system::EnsureRoot;

use crate::AccountId;

/// The origin that approves verifiers, model versions, contribution parameters and appeals.
pub type GovernanceOrigin = EnsureRoot<AccountId>;
