import type { GovernanceStatistics, ReportPeriod } from './card-memory-records';
import type { FeedbackStoreConfig } from './create-feedback-repository';
import { createFeedbackRepository } from './create-feedback-repository';
import { feedbackReport } from './feedback-report';
import { renderFeedbackReport } from './render-feedback-report';

export class ReportArgumentError extends Error {}

export interface GovernanceReportArgs {
  period: ReportPeriod;
  json: boolean;
}

/** `--since <date|instant>`, `--until <date|instant>` (a date is its midnight UTC; until is exclusive), `--json`. */
export function parseGovernanceReportArgs(argv: readonly string[]): GovernanceReportArgs {
  const period: ReportPeriod = {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') {
      json = true;
    } else if (arg === '--since' || arg === '--until') {
      period[arg === '--since' ? 'since' : 'until'] = instant(argv[++i], arg);
    } else {
      throw new ReportArgumentError(`unknown argument ${JSON.stringify(arg)} (use --since, --until, --json)`);
    }
  }
  if (period.since && period.until && period.since >= period.until) {
    throw new ReportArgumentError('--since must be before --until');
  }
  return { period, json };
}

function instant(value: string | undefined, flag: string): string {
  const text = value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const ms = text === undefined || !/^\d{4}-\d{2}-\d{2}T/.test(text) ? NaN : Date.parse(text);
  if (Number.isNaN(ms)) {
    throw new ReportArgumentError(`${flag} needs a date (YYYY-MM-DD) or an ISO 8601 instant`);
  }
  return new Date(ms).toISOString();
}

/** The governance table: per rule and jurisdiction over the period. */
export function renderGovernanceReport(stats: GovernanceStatistics): string {
  const { since, until } = stats.period;
  const lines = [
    '# Cards by rule and jurisdiction',
    '',
    `Period: ${since ?? 'the beginning'} to ${until ?? 'now'} (cards shown and held back when the response went out; feedback when received).`,
    '',
  ];
  if (stats.rows.length === 0) {
    return [...lines, 'Nothing recorded in this period.', ''].join('\n');
  }
  lines.push(
    '| Rule | Jurisdiction | Shown | Accepted | Overridden | Overridden by reason | Held back |',
    '|---|---|---:|---:|---:|---|---:|',
  );
  for (const r of stats.rows) {
    const reasons = Object.entries(r.overriddenByReason)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([code, n]) => `${code} ×${n}`)
      .join('; ');
    lines.push(`| ${r.ruleId} | ${r.jurisdiction} | ${r.shown} | ${r.accepted} | ${r.overridden} | ${reasons || '—'} | ${r.heldBack} |`);
  }
  lines.push(
    '',
    'A card resting on several rules counts once for each. Held back: cards card memory did not show (README "Card memory").',
    '',
  );
  return lines.join('\n');
}

/**
 * `npm run feedback:report [-- --since … --until … --json]`: the governance numbers for the period, then the
 * per-rule acceptance table over all time; with `--json`, `{ period, rows }` only.
 */
export async function runGovernanceReport(config: FeedbackStoreConfig, args: GovernanceReportArgs): Promise<string> {
  const repository = createFeedbackRepository(config);
  try {
    await repository.init();
    const stats = await repository.governanceStatistics(args.period);
    if (args.json) {
      return `${JSON.stringify({ source: repository.describe(), ...stats }, null, 2)}\n`;
    }
    return `${renderGovernanceReport(stats)}\n${renderFeedbackReport(await feedbackReport(repository), { source: repository.describe() })}`;
  } finally {
    await repository.close();
  }
}
