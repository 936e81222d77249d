// Disputes as plain values and in words. Free of Node.js modules: the explorer page loads it
// too (through lib/contributions.js).

/** A dispute from the runtime API as plain values: amounts as BigInt, stage as `{ name, ... }`. */
export function disputeFromCodec(id, codec) {
  const dispute = codec.toJSON();
  const stageName = Object.keys(dispute.stage)[0];
  const stage = { name: stageName[0].toUpperCase() + stageName.slice(1), ...dispute.stage[stageName] };
  return {
    id: Number(id),
    contribution: Number(dispute.contribution),
    owner: codec.owner.toString(),
    challenger: codec.challenger.toString(),
    reason: codec.reason.toString(),
    evidence: dispute.evidence,
    answer: dispute.answer ?? null,
    bond: codec.bond.toBigInt(),
    appealBond: codec.appealBond.toBigInt(),
    openedAt: Number(dispute.openedAt),
    stage,
  };
}

/** The undecided dispute among `disputes` (a contribution has at most one), or undefined. */
export function openDispute(disputes = []) {
  return disputes.find((d) => d.stage.name !== 'Closed');
}

/** Where `dispute` stands, in a sentence. */
export function describeStage(dispute) {
  const { stage } = dispute;
  switch (stage.name) {
    case 'Open':
      return `open: the council decides by block #${stage.deadline}, or it is dismissed`
        + (dispute.answer ? '; the owner answered' : '; the owner may answer');
    case 'Decided':
      return `${stage.upheld ? 'upheld' : 'dismissed'}; final at block #${stage.appealUntil} unless the `
        + `${stage.upheld ? 'owner' : 'challenger'} appeals before then`;
    case 'Appealed':
      return `appealed by the ${stage.by.toLowerCase()}; two thirds of the council decide by block `
        + `#${stage.deadline}, or the first decision (${stage.firstUpheld ? 'upheld' : 'dismissed'}) stands`;
    case 'Closed':
      return `closed ${stage.upheld ? 'upheld' : 'dismissed'} at block #${stage.at}`;
    default:
      return stage.name;
  }
}
