import { type } from '@orpc/contract';
import { z } from 'zod';
import type { WorkspaceInfo } from '../../workspace/model';
import { id, mutation } from '../kit';

export const profiles = {
  // Anyone: choosing whom this device acts as is the device's own choice, made before any role applies.
  switch: mutation('Act as another member who has a profile on this device', 'anyone', ['*'])
    .input(z.strictObject({ memberId: id }))
    .output(type<WorkspaceInfo>()),
};
