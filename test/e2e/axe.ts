import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** axe-core on the page as it is now (or only `include`, a selector): no serious or critical WCAG 2.1 AA (or best-practice) violation. */
export async function expectAccessible(page: Page, what: string, include?: string) {
  // Let fades and slides finish first: axe reads colours as drawn, and a notification or dialog
  // half faded in fails contrast. Two frames, so that a transition just mounted has begun; endless
  // animations (loaders) are not waited for.
  await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const running = document
      .getAnimations()
      .filter((a) => a.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY)
      .map((a) => a.finished.catch(() => undefined));
    await Promise.race([Promise.all(running), new Promise((resolve) => setTimeout(resolve, 2000))]);
  });
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  if (include) builder = builder.include(include);
  const { violations, testEngine } = await builder.analyze();
  // axe-core 4.14 is the first to check label in name (WCAG 2.5.3) by default; an older one passes
  // the mismatches it reports, so the suite must not fall back to one.
  const [major = 0, minor = 0] = testEngine.version.split('.').map(Number);
  expect(major * 100 + minor, `axe-core ${testEngine.version}`).toBeGreaterThanOrEqual(414);
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking.map(
    (v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.html}`).join('\n')}`,
  );
  expect(report, `${what}: accessibility violations`).toEqual([]);
}
