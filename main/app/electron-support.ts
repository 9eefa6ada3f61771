import type { ElectronSupport } from '../../contract/session';

/**
 * Electron ships a new major every 8 weeks and patches only the latest three (electronjs.org/docs/latest/tutorial/
 * electron-timelines). From one known stable date, the latest major on any later date is estimated at one per 8 weeks;
 * the known dates keep the estimate honest for the majors already out. See docs/CONVENTIONS.md, "A supported Electron".
 */
export const KNOWN_STABLE_RELEASES: readonly { major: number; date: string }[] = [
  { major: 41, date: '2026-03-10' },
  { major: 42, date: '2026-05-05' },
  { major: 43, date: '2026-06-30' },
  { major: 44, date: '2026-08-25' },
  { major: 45, date: '2026-10-20' },
];
const CADENCE_DAYS = 56;
export const SUPPORTED_MAJORS = 3;

const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);

/** The newest stable major as of `date` (yyyy-mm-dd). */
export function latestStableMajor(date: string): number {
  const known = [...KNOWN_STABLE_RELEASES].sort((a, b) => a.major - b.major);
  const released = known.filter((r) => dayNumber(r.date) <= dayNumber(date));
  const anchor = released.at(-1) ?? known[0]!;
  if (!released.length) return anchor.major - Math.ceil((dayNumber(anchor.date) - dayNumber(date)) / CADENCE_DAYS);
  return anchor.major + Math.floor((dayNumber(date) - dayNumber(anchor.date)) / CADENCE_DAYS);
}

export function electronSupport(version: string, buildDate: string): ElectronSupport {
  const major = Number.parseInt(version, 10);
  const oldestSupportedMajor = latestStableMajor(buildDate) - (SUPPORTED_MAJORS - 1);
  const supported = Number.isFinite(major) && major >= oldestSupportedMajor;
  return {
    version,
    major,
    buildDate: buildDate.slice(0, 10),
    oldestSupportedMajor,
    supported,
    warning: supported
      ? null
      : `This build runs Electron ${major}, which was already out of Electron's supported window when it was built (the oldest major still getting security fixes was ${oldestSupportedMajor}). Ask your administrator for an update of Reciprocal.`,
  };
}
