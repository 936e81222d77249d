// Reading model releases, their lineage and the revenue their contributors can claim.

/** Every release, oldest first: `{ id, name, parents, ingredients, totalShares, deprecated, received }`. */
export async function readReleases(api) {
  const next = (await api.query.models.nextReleaseId()).toNumber();
  const releases = [];
  for (let id = 0; id < next; id += 1) {
    const [info, takenDown] = await Promise.all([api.call.modelsApi.release(id), api.call.modelsApi.takenDownIn(id)]);
    // Flagged: it, or a release it builds on, includes a taken-down contribution.
    if (info.isSome) releases.push({ ...releaseJson(info.unwrap()), flagged: takenDown.length > 0 });
  }
  return releases;
}

/** Release `id` with its lineage (to `depth` generations) and ingredients, or null. */
export async function readRelease(api, id, depth = 8) {
  const info = await api.call.modelsApi.release(id);
  if (info.isNone) return null;
  const lineage = (await api.call.modelsApi.lineage(id, depth)).map((r) => r.toNumber());
  const ingredients = [];
  for (const [contribution, shares] of await api.call.modelsApi.ingredients(id)) {
    const c = await api.call.contributionsApi.contribution(contribution);
    ingredients.push({
      contribution: contribution.toNumber(),
      shares: shares.toBigInt(),
      owner: c.isSome ? c.unwrap().owner.toString() : null,
    });
  }
  ingredients.sort((a, b) => a.contribution - b.contribution);
  // Taken-down contributions in it or the releases it builds on: `[{ release, contribution }]`.
  const takenDown = (await api.call.modelsApi.takenDownIn(id))
    .map(([release, contribution]) => ({ release: release.toNumber(), contribution: contribution.toNumber() }));
  return { ...releaseJson(info.unwrap()), lineage, ingredients, takenDown };
}

/** What `address`'s contributions can claim: `[{ release, contribution, amount }]`. */
export async function readClaimable(api, address) {
  const { perRelease } = await api.call.modelsApi.claimableBy(address);
  return perRelease.map(([release, contribution, amount]) => ({
    release: release.toNumber(), contribution: contribution.toNumber(), amount: amount.toBigInt(),
  }));
}

function releaseJson(info) {
  const ledger = info.ledger;
  return {
    id: info.id.toNumber(),
    name: info.name.toUtf8(),
    weightsRoot: info.weightsRoot.toHex(),
    fingerprint: info.fingerprint.toHex(),
    parents: info.parents.map((p) => p.toNumber()),
    intendedUse: info.intendedUse.toJSON(),
    ingredients: info.ingredients.toNumber(),
    totalShares: info.totalShares.toBigInt(),
    deprecated: info.deprecated.isTrue,
    registeredAt: info.registeredAt.toNumber(),
    received: ledger.received.toBigInt(),
    toHolders: ledger.toHolders.toBigInt(),
    toParents: ledger.toParents.toBigInt(),
    toPot: ledger.toPot.toBigInt(),
  };
}
