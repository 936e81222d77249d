// `gongyu council propose|vote|close|motions`: council motions without hand-encoded calls.

import { parseAddress, parseCount, parseGyu, printJson, resolveSigner, CliError } from '../lib/cli.js';
import {
  close, describeCall, MOTIONS, openMotions, propose, thresholdFor, vote,
} from '../lib/council.js';
import { parseOutcome } from '../lib/disputes.js';
import { parseLicenseTerms } from '../lib/terms.js';
import { connection, signerOption, wsOptions } from './common.js';

/** Parses a motion's command-line arguments into call arguments. */
function motionArgs(api, name, args) {
  const decimals = api.registry.chainDecimals[0] ?? 12;
  switch (name) {
    case 'budget':
    case 'mint':
      return [parseGyu(args[0], decimals)];
    case 'epoch-length':
    case 'challenge-window':
      return [parseCount(args[0], '<blocks>')];
    case 'admit-node':
      return [args[0], parseAddress(args[1], 'operator')];
    case 'remove-node':
      return [args[0]];
    case 'license':
      return [args[0], parseLicenseTerms(args[1])];
    case 'decide-dispute':
    case 'decide-appeal':
      return [parseCount(args[0], '<dispute>'), parseOutcome(args[1])];
    default:
      return [parseAddress(args[0])];
  }
}

/** Adds `council` and its subcommands to `program`. */
export function register(program) {
  const council = program.command('council')
    .summary('propose, vote on and close council motions (budgets, verifiers, validators, nodes)');

  const list = council.command('motions').summary('list the open motions with their votes');
  wsOptions(list);
  list.action(async (options) => listMotions(options));

  const motionHelp = Object.entries(MOTIONS)
    .map(([name, m]) => `  ${`${name} ${m.args}`.padEnd(40)} ${m.summary} (needs ${m.needs})`).join('\n');
  const proposeCommand = council.command('propose')
    .summary('propose a decision as a council motion')
    .argument('<motion>', `one of: ${Object.keys(MOTIONS).join(', ')}`)
    .argument('[args...]', "the motion's arguments")
    .option('--threshold <ayes>', 'ayes needed to pass (default: the least the decision needs)')
    .addHelpText('after', `\nMotions:\n${motionHelp}\n\nExample: gongyu council propose budget 2500 --suri //Alice`);
  signerOption(proposeCommand);
  wsOptions(proposeCommand);
  proposeCommand.action(async (name, args, options) => proposeMotion(name, args, options));

  const voteCommand = council.command('vote')
    .summary('vote on an open motion')
    .argument('<index>', 'the motion index that `propose` printed (see `council motions`)')
    .argument('<vote>', 'aye or nay');
  signerOption(voteCommand);
  wsOptions(voteCommand);
  voteCommand.action(async (index, choice, options) => voteOnMotion(index, choice, options));

  const closeCommand = council.command('close')
    .summary('close a motion that has its votes (or whose voting time is over), executing it if approved')
    .argument('<index>', 'the motion index');
  signerOption(closeCommand);
  wsOptions(closeCommand);
  closeCommand.action(async (index, options) => closeMotion(index, options));
}

/** The open motion with `index`, or a CliError listing the open ones. */
async function findMotion(api, index) {
  const wanted = Number(parseCount(index, '<index>'));
  const motions = await openMotions(api);
  const motion = motions.find((m) => m.index === wanted);
  if (!motion) {
    const open = motions.map((m) => `#${m.index}`).join(', ') || 'none';
    throw new CliError(`there is no open motion #${wanted} (open motions: ${open})`);
  }
  return motion;
}

async function proposeMotion(name, args, options) {
  const motion = MOTIONS[name];
  if (!motion) throw new CliError(`unknown motion "${name}": use one of ${Object.keys(MOTIONS).join(', ')}`);
  const expected = motion.args.split(' ').length;
  if (args.length !== expected) throw new CliError(`${name} takes ${motion.args}`);
  const pair = await resolveSigner(options.suri);
  await connection(options, async (api) => {
    let call;
    try {
      call = motion.build(api, motionArgs(api, name, args));
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`cannot build ${name} from ${args.join(' ')}: ${error.message}`);
    }
    const members = (await api.query.council.members()).map(String);
    if (!members.includes(pair.address)) {
      throw new CliError(`${pair.address} is not a council member; members: ${members.join(', ')}`);
    }
    const threshold = options.threshold === undefined
      ? thresholdFor(motion.needs, members.length)
      : Number(parseCount(options.threshold, '--threshold'));
    const proposed = await propose(api, call, threshold, pair);
    if (options.json) {
      printJson({ ...proposed, executed: proposed.executed?.toString() ?? null, call: describeCall(api, call), threshold });
      return;
    }
    if (proposed.index === null) {
      console.log(`Executed at once (threshold 1): ${describeCall(api, call)} → ${proposed.executed}`);
      return;
    }
    console.log(`Motion #${proposed.index} proposed: ${describeCall(api, call)}`);
    console.log(`  hash ${proposed.hash}; needs ${threshold} of ${members.length} ayes (${motion.needs})`);
    console.log(`Next: members vote with \`scripts/gongyu council vote ${proposed.index} aye --suri ...\`, `
      + `then anyone closes it with \`scripts/gongyu council close ${proposed.index} --suri ...\``);
  });
}

async function voteOnMotion(index, choice, options) {
  if (!['aye', 'nay'].includes(choice)) throw new CliError(`<vote> must be aye or nay, got "${choice}"`);
  const pair = await resolveSigner(options.suri);
  await connection(options, async (api) => {
    const motion = await findMotion(api, index);
    const { yes, no } = await vote(api, motion, choice === 'aye', pair);
    if (options.json) {
      printJson({ index: motion.index, yes, no, threshold: motion.threshold });
      return;
    }
    console.log(`Voted ${choice} on motion #${motion.index}: ${yes} aye, ${no} nay, ${motion.threshold} needed`);
    if (yes >= motion.threshold) console.log(`It can be closed: scripts/gongyu council close ${motion.index} --suri ...`);
  });
}

async function closeMotion(index, options) {
  const pair = await resolveSigner(options.suri);
  await connection(options, async (api) => {
    const motion = await findMotion(api, index);
    const outcome = await close(api, motion, pair);
    if (options.json) printJson({ index: motion.index, call: describeCall(api, motion.call), ...outcome });
    else if (!outcome.approved) console.log(`Motion #${motion.index} was disapproved (${outcome.yes} aye, ${outcome.no} nay)`);
    else console.log(`Motion #${motion.index} approved (${outcome.yes} aye, ${outcome.no} nay) and executed: ${describeCall(api, motion.call)} → ${outcome.result}`);
    if (!outcome.approved) throw new CliError(`motion #${motion.index} did not pass`);
    if (outcome.result !== 'Ok') throw new CliError(`motion #${motion.index} passed, but its call failed: ${outcome.result}`);
  });
}

async function listMotions(options) {
  await connection(options, async (api) => {
    const motions = await openMotions(api);
    if (options.json) {
      printJson(motions.map((m) => ({ ...m, call: m.call ? describeCall(api, m.call) : null })));
      return;
    }
    if (motions.length === 0) console.log('No open motions.');
    for (const m of motions) {
      console.log(`#${m.index} ${m.call ? describeCall(api, m.call) : '(unknown call)'}`);
      console.log(`   ${m.ayes.length} aye, ${m.nays.length} nay, ${m.threshold} needed; voting ends at block #${m.end}; hash ${m.hash}`);
    }
  });
}
