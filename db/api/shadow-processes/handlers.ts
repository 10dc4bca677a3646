import {
  createShadowProcess,
  deleteShadowProcess,
  listShadowProcesses,
  updateShadowProcess,
} from '../../shadow-processes/shadow-processes';
import { type AreaHandlers, recordHandlers } from '../handlers';

export const shadowProcessesHandlers = recordHandlers({
  list: listShadowProcesses,
  create: createShadowProcess,
  update: updateShadowProcess,
  remove: deleteShadowProcess,
}) satisfies AreaHandlers<'shadowProcesses'>;
