import { Select, Text } from '@mantine/core';
import { count, date, OFFERED_LOCALES, percent } from '../../../db/reports/shared/format';
import { chooseLocale, chosenLocale, systemLocale, useLocale } from './locale';

const SYSTEM = 'system';

/** Settings → Numbers and dates: this device's locale for numbers and dates, or the system's. */
export function LocaleSetting() {
  const locale = useLocale();
  const chosen = chosenLocale();
  const system = systemLocale();
  const systemName = OFFERED_LOCALES.find((l) => l.value === system)?.label ?? system;
  const data = [
    { value: SYSTEM, label: `System default (${systemName})` },
    ...OFFERED_LOCALES,
    ...(chosen && !OFFERED_LOCALES.some((l) => l.value === chosen) ? [{ value: chosen, label: chosen }] : []),
  ];
  return (
    <>
      <Select
        label="Language and region"
        description="How numbers and dates are written in the app and in exported reports, on this device."
        data={data}
        value={chosen ?? SYSTEM}
        onChange={(v) => chooseLocale(v === null || v === SYSTEM ? null : v)}
        allowDeselect={false}
        maw={360}
        data-testid="locale-select"
      />
      <Text size="xs" c="dimmed" mt={6} className="tabular" data-testid="locale-example">
        For example: {count(1234567, locale)} decisions · {percent(0.875, locale, 1)} · {date('2026-11-30', locale)}
      </Text>
    </>
  );
}
