/** The two data sets and load shapes: quick (the default, a few minutes) and full (`--full`, the sizes). */
export interface Profile {
  name: 'quick' | 'full';
  seed: number;
  communities: number;
  members: number;
  answers: number;
  /** Members of the one community whose leaderboard and gallery are measured. */
  bigMembers: number;
  /** Share of all answers that land in the big community, so its gallery prompts have a deep history. */
  bigShare: number;
  warmupSeconds: number;
  durationSeconds: number;
  repeats: number;
  connections: number;
  /** Community counts for the scheduler runs; the due count stays fixed so only the idle part grows. */
  tickCommunities: number[];
  tickDue: number;
  tickRepeats: number;
  /** `--only=id,id`: just these measurements (with their baselines); "tick" for the scheduler, "lighthouse" for Lighthouse, "reminders" for the mail round. All when absent. */
  only?: string[];
  /** `--cpu-prof`: Kindling's servers write V8 CPU profiles (open in Chrome DevTools) under tests/bench/results/. */
  cpuProf?: boolean;
}

const common = {
  seed: 20_260_302,
  bigMembers: 10_000,
  bigShare: 0.3,
  repeats: 2,
  connections: 10,
  tickCommunities: [10_000, 20_000],
  tickDue: 100,
  tickRepeats: 11,
};

export const profiles: Record<Profile['name'], Profile> = {
  quick: { ...common, name: 'quick', communities: 50, members: 10_000, answers: 100_000, warmupSeconds: 2, durationSeconds: 5 },
  full: { ...common, name: 'full', communities: 1_000, members: 100_000, answers: 1_000_000, warmupSeconds: 3, durationSeconds: 10 },
};

export function profileFromArgs(argv: string[]): Profile {
  const onlyArg = argv.find((a) => a.startsWith('--only='));
  const unknown = argv.filter((a) => !['--full', '--quick', '--cpu-prof', onlyArg].includes(a));
  if (unknown.length) throw new Error(`Unknown argument(s): ${unknown.join(' ')} (use --full, --only=id,id, --cpu-prof or nothing)`);
  const profile: Profile = { ...(argv.includes('--full') ? profiles.full : profiles.quick), cpuProf: argv.includes('--cpu-prof') };
  return onlyArg ? { ...profile, only: onlyArg.slice('--only='.length).split(',').filter(Boolean) } : profile;
}
