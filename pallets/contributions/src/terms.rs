//! What a contribution may be used for: the license policy governance keeps and the
//! consent its owner declares.
//!
//! Governance lists the SPDX licenses the chain accepts ([`crate::Licenses`]) and what each
//! allows ([`LicenseTerms`]); `submit` refuses any other license. The owner declares
//! [`Consent`] in the four data-mining categories of the C2PA/CAWG training-and-data-mining
//! assertion, on chain and in the contribution card, and verifiers attest `CardMismatch`
//! when the two differ. [`use_refusal`] is the one rule that says whether a contribution
//! may go into a model release of a given [`IntendedUse`].

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// What an accepted license allows a model built from the data to do.
#[derive(
	Clone,
	Copy,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct LicenseTerms {
	/// The data may be used to train a model.
	pub training: bool,
	/// Weights trained on the data may be published.
	pub weights_redistribution: bool,
	/// The data and models built from it may be used commercially.
	pub commercial: bool,
}

impl LicenseTerms {
	/// Every use allowed: training, publishing weights, commercial use.
	pub const OPEN: Self = Self {
		training: true,
		weights_redistribution: true,
		commercial: true,
	};
	/// Training and publishing weights, not commercial use.
	pub const NON_COMMERCIAL: Self = Self {
		training: true,
		weights_redistribution: true,
		commercial: false,
	};
	/// Training only: weights trained on the data may not be published (derivatives a
	/// no-derivatives license forbids sharing), nor used commercially.
	pub const TRAINING_ONLY: Self = Self {
		training: true,
		weights_redistribution: false,
		commercial: false,
	};
}

/// One answer of the CAWG training-and-data-mining assertion.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum ConsentLevel {
	/// The use is allowed.
	Allowed,
	/// The use is not allowed.
	NotAllowed,
	/// The use is allowed under conditions stated off chain (in the license or the card);
	/// the chain cannot check them, so it treats them as ruling out commercial use.
	Constrained,
}

impl ConsentLevel {
	/// The name the contribution card uses (`allowed`, `notAllowed`, `constrained`).
	pub fn card_name(self) -> &'static str {
		match self {
			ConsentLevel::Allowed => "allowed",
			ConsentLevel::NotAllowed => "notAllowed",
			ConsentLevel::Constrained => "constrained",
		}
	}

	/// Whether a use at this level is permitted, commercially or not.
	fn permits(self, commercial: bool) -> bool {
		match self {
			ConsentLevel::Allowed => true,
			ConsentLevel::Constrained => !commercial,
			ConsentLevel::NotAllowed => false,
		}
	}
}

/// The owner's consent in the four CAWG data-mining categories.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct Consent {
	/// `cawg.ai_training`: training any model on the data.
	pub ai_training: ConsentLevel,
	/// `cawg.ai_generative_training`: training a model that generates content.
	pub ai_generative_training: ConsentLevel,
	/// `cawg.ai_inference`: giving the data to a model as input when it runs.
	pub ai_inference: ConsentLevel,
	/// `cawg.data_mining`: mining the data for patterns or facts.
	pub data_mining: ConsentLevel,
}

impl Consent {
	/// Every category at `level`.
	pub const fn all(level: ConsentLevel) -> Self {
		Self {
			ai_training: level,
			ai_generative_training: level,
			ai_inference: level,
			data_mining: level,
		}
	}

	/// The categories by the names the contribution card gives them, in the card's order.
	pub fn by_card_name(&self) -> [(&'static str, ConsentLevel); 4] {
		[
			("ai_training", self.ai_training),
			("ai_generative_training", self.ai_generative_training),
			("ai_inference", self.ai_inference),
			("data_mining", self.data_mining),
		]
	}
}

/// What a model release declares it will be used for. Every release trains on its
/// ingredients and publishes weights; these say what more.
#[derive(
	Clone,
	Copy,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct IntendedUse {
	/// The release may be used commercially.
	pub commercial: bool,
	/// The release generates content (a language model does).
	pub generative: bool,
}

impl IntendedUse {
	/// Whether this use is no wider than `allowed`: a release built on another may be used
	/// commercially, or generate, only if that one may.
	pub fn is_within(self, allowed: IntendedUse) -> bool {
		(!self.commercial || allowed.commercial) && (!self.generative || allowed.generative)
	}
}

/// Why a contribution may not go into a release of some [`IntendedUse`].
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum UseRefusal {
	/// Its license is no longer on the chain's list, so nothing says what it allows.
	LicenseNotAccepted,
	/// Its license does not allow training, publishing the weights, or (for a commercial
	/// release) commercial use.
	LicenseForbids,
	/// Its owner's consent does not allow AI training, generative training (for a
	/// generative release) or, when constrained, a commercial release.
	ConsentForbids,
}

/// Whether data under `terms` (`None`: its license is not accepted) with `consent` may go
/// into a release for `intended`: the one rule releases are checked by.
pub fn use_refusal(
	terms: Option<LicenseTerms>,
	consent: &Consent,
	intended: IntendedUse,
) -> Option<UseRefusal> {
	let Some(terms) = terms else {
		return Some(UseRefusal::LicenseNotAccepted);
	};
	let license_allows = terms.training
		&& terms.weights_redistribution
		&& (terms.commercial || !intended.commercial);
	if !license_allows {
		return Some(UseRefusal::LicenseForbids);
	}
	let consent_allows = consent.ai_training.permits(intended.commercial)
		&& (!intended.generative || consent.ai_generative_training.permits(intended.commercial));
	if !consent_allows {
		return Some(UseRefusal::ConsentForbids);
	}
	None
}

#[cfg(test)]
mod tests {
	use super::*;

	const OPEN: LicenseTerms = LicenseTerms::OPEN;
	const NON_COMMERCIAL: LicenseTerms = LicenseTerms::NON_COMMERCIAL;
	const COMMERCIAL_CHAT: IntendedUse = IntendedUse {
		commercial: true,
		generative: true,
	};
	const RESEARCH_CHAT: IntendedUse = IntendedUse {
		commercial: false,
		generative: true,
	};

	#[test]
	fn open_data_with_full_consent_goes_into_any_release() {
		let consent = Consent::all(ConsentLevel::Allowed);
		assert_eq!(use_refusal(Some(OPEN), &consent, COMMERCIAL_CHAT), None);
		assert_eq!(use_refusal(Some(OPEN), &consent, RESEARCH_CHAT), None);
	}

	#[test]
	fn an_unlisted_license_allows_nothing() {
		let consent = Consent::all(ConsentLevel::Allowed);
		assert_eq!(
			use_refusal(None, &consent, IntendedUse::default()),
			Some(UseRefusal::LicenseNotAccepted)
		);
	}

	#[test]
	fn a_non_commercial_license_keeps_data_out_of_commercial_releases_only() {
		let consent = Consent::all(ConsentLevel::Allowed);
		assert_eq!(
			use_refusal(Some(NON_COMMERCIAL), &consent, COMMERCIAL_CHAT),
			Some(UseRefusal::LicenseForbids)
		);
		assert_eq!(
			use_refusal(Some(NON_COMMERCIAL), &consent, RESEARCH_CHAT),
			None
		);
	}

	#[test]
	fn a_license_that_forbids_training_or_publishing_weights_forbids_every_release() {
		let consent = Consent::all(ConsentLevel::Allowed);
		for terms in [
			LicenseTerms {
				training: false,
				..OPEN
			},
			LicenseTerms {
				weights_redistribution: false,
				..OPEN
			},
		] {
			assert_eq!(
				use_refusal(Some(terms), &consent, RESEARCH_CHAT),
				Some(UseRefusal::LicenseForbids)
			);
		}
	}

	#[test]
	fn consent_not_given_for_training_or_generation_is_respected() {
		let no_training = Consent {
			ai_training: ConsentLevel::NotAllowed,
			..Consent::all(ConsentLevel::Allowed)
		};
		assert_eq!(
			use_refusal(Some(OPEN), &no_training, IntendedUse::default()),
			Some(UseRefusal::ConsentForbids)
		);
		let no_generation = Consent {
			ai_generative_training: ConsentLevel::NotAllowed,
			..Consent::all(ConsentLevel::Allowed)
		};
		assert_eq!(
			use_refusal(Some(OPEN), &no_generation, RESEARCH_CHAT),
			Some(UseRefusal::ConsentForbids)
		);
		// A model that does not generate (a classifier) needs no generative consent.
		assert_eq!(
			use_refusal(Some(OPEN), &no_generation, IntendedUse::default()),
			None
		);
	}

	#[test]
	fn constrained_consent_rules_out_commercial_releases() {
		let constrained = Consent::all(ConsentLevel::Constrained);
		assert_eq!(
			use_refusal(Some(OPEN), &constrained, COMMERCIAL_CHAT),
			Some(UseRefusal::ConsentForbids)
		);
		assert_eq!(use_refusal(Some(OPEN), &constrained, RESEARCH_CHAT), None);
	}

	#[test]
	fn a_use_is_within_another_only_if_it_is_no_wider() {
		let classifier = IntendedUse::default();
		assert!(RESEARCH_CHAT.is_within(COMMERCIAL_CHAT));
		assert!(classifier.is_within(RESEARCH_CHAT));
		assert!(!COMMERCIAL_CHAT.is_within(RESEARCH_CHAT));
		assert!(!RESEARCH_CHAT.is_within(classifier));
	}

	#[test]
	fn inference_and_mining_consent_do_not_decide_releases() {
		let consent = Consent {
			ai_inference: ConsentLevel::NotAllowed,
			data_mining: ConsentLevel::NotAllowed,
			..Consent::all(ConsentLevel::Allowed)
		};
		assert_eq!(use_refusal(Some(OPEN), &consent, COMMERCIAL_CHAT), None);
	}
}
