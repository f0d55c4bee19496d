import type { FeedbackReport, OverrideReasonSummary } from './feedback-report';

/** The report as a markdown table (readable as plain text too). */
export function renderFeedbackReport(report: FeedbackReport, options: { source?: string } = {}): string {
  const lines = [
    '# Card feedback by rule',
    '',
    ...(options.source ? [`Source: ${options.source}`, ''] : []),
    `${report.cardsIssued} cards issued, ${report.feedback} feedback entries` +
      (report.feedbackOnUnknownCards > 0 ? ` (${report.feedbackOnUnknownCards} on cards not in the ledger, not tied to rules)` : '') +
      '.',
    '',
  ];
  if (report.rules.length === 0) {
    return [...lines, 'No issued cards with rules recorded yet.', ''].join('\n');
  }
  lines.push(
    '| Rule | Cards issued | Feedback | Accepted | Overridden | Acceptance rate | Override rate | Top override reasons |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const r of report.rules) {
    const cells = [
      cell(r.ruleId),
      String(r.cardsIssued),
      String(r.feedback),
      String(r.accepted),
      String(r.overridden),
      percent(r.acceptanceRate),
      percent(r.overrideRate),
      r.topOverrideReasons.map(reasonText).join('; ') || '—',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  lines.push('', 'Rates are shares of the feedback entries on cards carrying the rule; a card with several rules counts for each.', '');
  return lines.join('\n');
}

function reasonText(reason: OverrideReasonSummary): string {
  if (reason.code === undefined) {
    return `(no coded reason) ×${reason.count}`;
  }
  const label = reason.display ? `${reason.code} "${reason.display}"` : reason.code;
  return `${cell(label)} ×${reason.count}`;
}

function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

/** Keeps a value inside its table cell: no pipes, no line breaks. */
function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}
