// What a scale run prints beside the fault run's table: partitions before and after each fault,
// the sweeps' runs per instance, and the drain rates with their ratio.
import type { ScaleReport } from './scale-run.ts';

export function scaleDetails(report: ScaleReport): string {
  const lines = [`assignments (${report.mode}):`];
  for (const [moment, value] of Object.entries(report.assignments))
    lines.push(`  ${moment}: ${JSON.stringify(value)}`);
  if (report.sweeps) {
    lines.push(`sweep runs per instance over ${report.sweeps.seconds} s around the kill (b's until it):`);
    for (const [instance, runs] of Object.entries(report.sweeps.runs))
      lines.push(`  ${instance}: ${JSON.stringify(runs)}`);
    lines.push(
      `| job | ran (all instances) | skipped | periods of ${report.sweeps.seconds} s | at most once per period |`,
      '| --- | ------------------- | ------- | ---------- | ----------------------- |',
    );
    for (const [job, p] of Object.entries(report.sweeps.perPeriod))
      lines.push(`| ${job} | ${p.ran} | ${p.skipped} | ${p.periods} | ${p.atMostOnce ? 'yes' : 'NO'} |`);
  }
  if (report.drains) {
    lines.push(
      '| instances | backlog | drain s | messages/s | machine busy | cpu s |',
      '| --------- | ------- | ------- | ---------- | ------------ | ----- |',
    );
    for (const d of report.drains)
      lines.push(
        `| ${d.instances} | ${d.backlog} | ${d.seconds.toFixed(1)} | ${d.perSecond.toFixed(1)} | ${Number.isFinite(d.machineBusy) ? `${(d.machineBusy * 100).toFixed(0)} %` : '-'} | ${JSON.stringify(d.cpuSeconds)} |`,
      );
    const [one, three] = report.drains;
    if (one && three)
      lines.push(`drain rate ratio, three instances to one: ${(three.perSecond / one.perSecond).toFixed(2)}`);
  }
  return lines.join('\n');
}
