import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** One accessibility problem axe-core found, in a line a developer can act on. */
export type TAxeFinding = { id: string; impact: string; help: string; targets: string[] };

/**
 * Runs axe-core inside the page (its source injected, nothing fetched) against WCAG 2.1 A and AA
 * and returns the serious and critical findings.
 */
export async function seriousAxeViolations(page: Page): Promise<TAxeFinding[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  type TRawViolation = { id: string; impact?: string | null; help: string; nodes: { target: unknown }[] };
  const findings = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: TRawViolation[] }> };
      }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => String(n.target)),
    }));
  });
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}
