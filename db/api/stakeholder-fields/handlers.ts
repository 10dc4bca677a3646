import { createField, deleteField, listFields, moveField, restoreField, updateField } from '../../stakeholders/fields';
import { type AreaHandlers, recordHandlers } from '../handlers';

export const stakeholderFieldsHandlers = {
  ...recordHandlers({ list: listFields, create: createField, update: updateField, remove: deleteField }),
  restore: (ctx, input) => restoreField(ctx, input.id),
  move: (ctx, input) => moveField(ctx, input.id, input.direction),
} satisfies AreaHandlers<'stakeholderFields'>;
