// What a contribution may be used for: the owner's consent in the four CAWG data-mining
// categories (pallets/contributions/src/terms.rs), as the card writes it and as
// `contributions.submit` takes it, and the chain's list of accepted licenses.

import { CliError } from './errors.js';

/** The four categories, by the names the card gives them. */
export const CONSENT_CATEGORIES = ['ai_training', 'ai_generative_training', 'ai_inference', 'data_mining'];
/** The levels a category may have, by the names the card gives them. */
export const CONSENT_LEVELS = ['allowed', 'notAllowed', 'constrained'];


/**
 * Reads `--consent`: one level for all four categories (`allowed`), or
 * `category=level` pairs separated by commas, where unnamed categories take `allowed`
 * (`ai_generative_training=notAllowed,data_mining=constrained`). Returns the card's form,
 * `{ ai_training: 'allowed', ... }`.
 */
export function parseConsent(text) {
  const consent = Object.fromEntries(CONSENT_CATEGORIES.map((category) => [category, 'allowed']));
  const trimmed = text.trim();
  if (CONSENT_LEVELS.includes(trimmed)) {
    for (const category of CONSENT_CATEGORIES) consent[category] = trimmed;
    return consent;
  }
  for (const pair of trimmed.split(',').map((item) => item.trim()).filter((item) => item !== '')) {
    const [category, level, extra] = pair.split('=');
    if (!CONSENT_CATEGORIES.includes(category) || extra !== undefined) {
      throw new CliError(`--consent: \`${pair}\` names no category; use ${CONSENT_CATEGORIES.join(', ')}`);
    }
    if (!CONSENT_LEVELS.includes(level)) {
      throw new CliError(`--consent: ${category} must be ${CONSENT_LEVELS.join(', ')}, not \`${level ?? ''}\``);
    }
    consent[category] = level;
  }
  return consent;
}

/** Consent to every use, in the card's form. */
export const ALL_ALLOWED = Object.freeze(parseConsent('allowed'));

/** A card category's name as polkadot.js names the field: `ai_training` → `aiTraining`. */
const fieldOf = (category) => category.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase());

/** The card's consent as `contributions.submit` takes it: `{ aiTraining: 'Allowed', ... }`. */
export function consentForChain(consent) {
  const variant = (level) => level[0].toUpperCase() + level.slice(1);
  return Object.fromEntries(CONSENT_CATEGORIES.map((category) => [fieldOf(category), variant(consent[category])]));
}

/** A contribution's consent as the chain returns it (a `Consent` codec), in the card's form. */
export function consentFromChain(consent) {
  const level = (value) => value.type[0].toLowerCase() + value.type.slice(1);
  return Object.fromEntries(CONSENT_CATEGORIES.map((category) => [category, level(consent[fieldOf(category)])]));
}

/** The chain's accepted licenses, `{ 'CC-BY-4.0': { training, weightsRedistribution, commercial } }`. */
export async function acceptedLicenses(api) {
  const listed = await api.call.contributionsApi.licenses();
  return Object.fromEntries(listed.map(([license, terms]) => [license.toUtf8(), terms.toJSON()]));
}

/**
 * What a license allows, as `contributions.setLicense` takes it, from the uses it allows,
 * comma-separated (`training,weights,commercial`; `none` for nothing); `withdraw` gives null,
 * which takes the license off the list.
 */
export function parseLicenseTerms(text) {
  if (text === undefined) throw new CliError('license needs what it allows: e.g. training,weights or withdraw');
  if (text === 'withdraw') return null;
  const uses = text === 'none' ? [] : text.split(',').map((use) => use.trim());
  const unknown = uses.filter((use) => !['training', 'weights', 'commercial'].includes(use));
  if (unknown.length > 0) {
    throw new CliError(`license: ${unknown.join(', ')} is not a use; name training, weights and commercial, none or withdraw`);
  }
  return { training: uses.includes('training'), weightsRedistribution: uses.includes('weights'), commercial: uses.includes('commercial') };
}
