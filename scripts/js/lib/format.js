// Formatting of chain values for people; no dependencies, so the explorer page uses it too.

/** Formats a balance in planck as GYU with the chain's decimals: `1000.5 GYU`. */
export function formatGyu(api, planck) {
  const decimals = api.registry.chainDecimals[0] ?? 12;
  const value = BigInt(planck.toString());
  const unit = 10n ** BigInt(decimals);
  const whole = value / unit;
  const fraction = (value % unit).toString().padStart(decimals, '0').replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''} ${api.registry.chainTokens[0] ?? 'GYU'}`;
}

/** A short form of an address for tables: `5Grwva…utQY`. */
export function shortAddress(address) {
  const text = String(address);
  return text.length > 12 ? `${text.slice(0, 6)}…${text.slice(-4)}` : text;
}
