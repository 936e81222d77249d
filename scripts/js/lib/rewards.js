// The reward epoch, an account's balance and rewards, and its last payouts found in block
// events. Shared by the command-line tools and the explorer page.

/**
 * `{ free, reserved, frozen, pending, total, earned, paid, unvested, lastPaidAt, vesting }` of
 * `address` (planck): `unvested` is the part of `earned` still in a challenge window, and
 * `vesting` lists it by contribution as `{ id, amount, vestsAt }`, soonest first.
 */
export async function readAccountRewards(api, address) {
  const [account, pending, total, rewards, schedule, debt] = await Promise.all([
    api.query.system.account(address),
    api.call.rewardsApi.pendingRewards(address),
    api.call.rewardsApi.totalRewards(address),
    api.call.rewardsApi.accountRewards(address),
    api.call.rewardsApi.vestingSchedule(address),
    api.call.rewardsApi.debt(address),
  ]);
  return {
    address,
    free: account.data.free.toBigInt(),
    reserved: account.data.reserved.toBigInt(),
    frozen: account.data.frozen.toBigInt(),
    pending: pending.toBigInt(),
    total: total.toBigInt(),
    earned: rewards.earned.toBigInt(),
    paid: rewards.paid.toBigInt(),
    unvested: rewards.unvested.toBigInt(),
    debt: debt.toBigInt(),
    lastPaidAt: rewards.lastPaidAt.isSome ? rewards.lastPaidAt.unwrap().toNumber() : null,
    vesting: schedule
      .map(([id, entry]) => ({ id: id.toNumber(), amount: entry.amount.toBigInt(), vestsAt: entry.vestsAt.toNumber() }))
      .sort((a, b) => a.vestsAt - b.vestsAt || a.id - b.id),
  };
}

/** The `rewards.RewardPaid` events to `address` in block `number`, as `{ block, amount }`. */
async function payoutsIn(api, number, address) {
  const hash = await api.rpc.chain.getBlockHash(number);
  const events = await api.query.system.events.at(hash);
  return events
    .filter(({ event }) => api.events.rewards.RewardPaid.is(event) && event.data.who.toString() === address)
    .map(({ event }) => ({ block: number, amount: event.data.amount.toBigInt() }));
}

/**
 * Payouts to `address` found in the events of the last `blocks` blocks and of the
 * block of its last payment (`lastPaidAt`), newest first. Blocks whose state the node has
 * pruned are skipped; `scanned` says how far back the search went.
 */
export async function recentPayouts(api, address, { blocks = 100, lastPaidAt = null } = {}) {
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  const numbers = new Set();
  for (let n = head; n > Math.max(0, head - blocks); n -= 1) numbers.add(n);
  if (lastPaidAt !== null && lastPaidAt <= head) numbers.add(lastPaidAt);

  const found = [];
  let oldest = head;
  const ordered = [...numbers].sort((a, b) => b - a);
  for (let i = 0; i < ordered.length; i += 16) {
    const batch = ordered.slice(i, i + 16);
    const results = await Promise.all(batch.map((n) => payoutsIn(api, n, address).then(
      (payouts) => ({ n, payouts }),
      () => ({ n, payouts: null }),
    )));
    for (const { n, payouts } of results) {
      if (payouts === null) continue;
      oldest = Math.min(oldest, n);
      found.push(...payouts);
    }
  }
  return { payouts: found.sort((a, b) => b.block - a.block), scannedFrom: oldest, head };
}

/** The current reward epoch as plain numbers and bigints. */
export async function readEpoch(api) {
  const epoch = await api.call.rewardsApi.currentEpoch();
  return {
    index: epoch.index.toNumber(),
    start: epoch.start.toNumber(),
    length: epoch.length.toNumber(),
    budget: epoch.budget.toBigInt(),
    totalWeight: BigInt(epoch.totalWeight.toString()),
    entries: epoch.entryCount.toNumber(),
    potAvailable: epoch.potAvailable.toBigInt(),
    // What the epoch would pay if it closed now (budget capped by the pot and the price per
    // unit of weight), and the most one account can earn from it.
    payable: epoch.payable.toBigInt(),
    accountCap: epoch.accountCap.toBigInt(),
    maxPricePerWeight: BigInt(epoch.rules.maxPricePerWeight.toString()),
  };
}
