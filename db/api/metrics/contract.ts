import { type } from '@orpc/contract';
import { type MetricSettings, MetricSettingsSchema } from '../../metrics/model';
import { changeManagers, everyone, mutation, noInput, query } from '../kit';

export const MetricSettingsInput = MetricSettingsSchema;

export const metrics = {
  settings: query('Weights and alert thresholds of the workspace', everyone).input(noInput).output(type<MetricSettings>()),
  configure: mutation('Change weights and alert thresholds (change managers only)', changeManagers, ['metrics', 'reports', 'history'])
    .input(MetricSettingsInput)
    .output(type<MetricSettings>()),
};
