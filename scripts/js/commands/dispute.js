// `gongyu dispute open|answer|appeal|status`: challenge a verified contribution, answer or
// appeal a dispute, and follow it.

import { sendAndWait } from '../lib/chain.js';
import { CliError, parseAddress, parseCount, printJson, resolveSigner } from '../lib/cli.js';
import {
  describeStage, disputesOfAccount, disputesOfContribution, DISPUTE_REASONS, evidenceHash, parseReason,
  readDispute, readDisputeParams,
} from '../lib/disputes.js';
import { formatGyu } from '../lib/format.js';
import { connection, signerOption, wsOptions } from './common.js';

/** Adds `dispute` and its subcommands to `program`. */
export function register(program) {
  const dispute = program.command('dispute')
    .summary('challenge a verified contribution (with a bond), answer or appeal a dispute, follow it');

  const open = dispute.command('open')
    .summary('dispute a verified contribution within its challenge window, holding the bond')
    .argument('<contribution>', 'the contribution id')
    .argument('<reason>', `one of: ${Object.keys(DISPUTE_REASONS).join(', ')}`)
    .argument('<evidence>', 'a file of evidence (its BLAKE3 goes on chain) or a 0x-prefixed hash');
  signerOption(open);
  wsOptions(open);
  open.action(async (contribution, reason, evidence, options) => openDispute(contribution, reason, evidence, options));

  const answer = dispute.command('answer')
    .summary("answer an open dispute of your contribution with your evidence")
    .argument('<dispute>', 'the dispute id')
    .argument('<evidence>', 'a file of evidence or a 0x-prefixed hash');
  signerOption(answer);
  wsOptions(answer);
  answer.action(async (id, evidence, options) => answerDispute(id, evidence, options));

  const appeal = dispute.command('appeal')
    .summary('appeal a decision you lost, holding twice the bond (one appeal per dispute)')
    .argument('<dispute>', 'the dispute id');
  signerOption(appeal);
  wsOptions(appeal);
  appeal.action(async (id, options) => appealDispute(id, options));

  const status = dispute.command('status')
    .summary('a dispute, the disputes of a contribution, or of an account')
    .argument('[dispute]', 'the dispute id')
    .option('--contribution <id>', "list a contribution's disputes")
    .option('--account <address>', 'list the disputes an account is a side of');
  wsOptions(status);
  status.action(async (id, options) => showDisputes(id, options));
}

/** Sends `tx` as `pair` and returns the event `pallet.name` it emitted. */
async function submit(api, tx, pair, name) {
  const { events, blockHash } = await sendAndWait(api, tx, pair);
  const found = events.find(({ event }) => event.section === 'disputes' && event.method === name);
  if (!found) throw new CliError(`the transaction was finalized without a disputes.${name} event`);
  return { event: found.event, blockHash: blockHash.toHex() };
}

async function openDispute(contribution, reasonName, evidence, options) {
  const id = Number(parseCount(contribution, '<contribution>'));
  const reason = parseReason(reasonName);
  const hash = await evidenceHash(evidence);
  const pair = await resolveSigner(options.suri);
  await connection(options, async (api) => {
    const params = await readDisputeParams(api);
    const { event } = await submit(api, api.tx.disputes.openDispute(id, reason, hash), pair, 'DisputeOpened');
    const disputeId = event.data.id.toNumber();
    const deadline = event.data.deadline.toNumber();
    if (options.json) {
      printJson({ dispute: disputeId, contribution: id, reason, evidence: hash, bond: params.bond, deadline });
      return;
    }
    console.log(`Dispute #${disputeId} opened on contribution #${id} (${reason}), evidence ${hash}`);
    console.log(`  bond held: ${formatGyu(api, params.bond)}; the council decides by block #${deadline}`);
    console.log(`  Upheld: the contribution is revoked, its unvested rewards return to the pot, your bond comes back `
      + `with ${Math.round(params.bounty * 100)}% of them. Dismissed: your bond goes half to the owner, half to the pot.`);
    console.log(`Next: follow it with \`scripts/gongyu dispute status ${disputeId}\``);
  });
}

async function answerDispute(idText, evidence, options) {
  const id = Number(parseCount(idText, '<dispute>'));
  const hash = await evidenceHash(evidence);
  const pair = await resolveSigner(options.suri);
  await connection(options, async (api) => {
    await submit(api, api.tx.disputes.answer(id, hash), pair, 'DisputeAnswered');
    if (options.json) printJson({ dispute: id, answer: hash });
    else console.log(`Answered dispute #${id} with evidence ${hash}`);
  });
}

async function appealDispute(idText, options) {
  const id = Number(parseCount(idText, '<dispute>'));
  const pair = await resolveSigner(options.suri);
  await connection(options, async (api) => {
    const { event } = await submit(api, api.tx.disputes.appeal(id), pair, 'DisputeAppealed');
    const bond = event.data.bond.toBigInt();
    const deadline = event.data.deadline.toNumber();
    if (options.json) printJson({ dispute: id, bond, deadline });
    else console.log(`Appealed dispute #${id}, holding ${formatGyu(api, bond)}; two thirds of the council decide by block #${deadline}`);
  });
}

async function showDisputes(idText, options) {
  await connection(options, async (api) => {
    let disputes;
    if (idText !== undefined) {
      const id = Number(parseCount(idText, '[dispute]'));
      const dispute = await readDispute(api, id);
      if (!dispute) throw new CliError(`there is no dispute #${id}`);
      disputes = [dispute];
    } else if (options.contribution !== undefined) {
      disputes = await disputesOfContribution(api, Number(parseCount(options.contribution, '--contribution')));
    } else if (options.account !== undefined) {
      disputes = await disputesOfAccount(api, parseAddress(options.account));
    } else {
      throw new CliError('name a dispute id, --contribution <id> or --account <address>');
    }
    if (options.json) {
      printJson(disputes);
      return;
    }
    if (disputes.length === 0) console.log('No disputes');
    for (const dispute of disputes) {
      console.log(`Dispute #${dispute.id} of contribution #${dispute.contribution} (${dispute.reason}), opened at block #${dispute.openedAt}`);
      console.log(`  ${describeStage(dispute)}`);
      console.log(`  challenger ${dispute.challenger}, bond ${formatGyu(api, dispute.bond)}; evidence ${dispute.evidence}`);
      console.log(`  owner      ${dispute.owner}${dispute.answer ? `; answer ${dispute.answer}` : ''}`);
      if (dispute.appealBond > 0n) console.log(`  appeal bond ${formatGyu(api, dispute.appealBond)}`);
    }
  });
}
