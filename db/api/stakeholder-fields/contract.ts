import { type } from '@orpc/contract';
import { z } from 'zod';
import { FIELD_CHOICE_MAX, FIELD_CHOICES_MAX, FIELD_NAME_MAX, FIELD_TYPES, type StakeholderField } from '../../stakeholders/model';
import { changeManagers, id, mutation, oneOf, recordOperations, text, updateInput } from '../kit';

const fieldDefinition = {
  name: text('Name', FIELD_NAME_MAX),
  type: oneOf('type', FIELD_TYPES),
  choices: z
    .array(text('Choice', FIELD_CHOICE_MAX), { error: 'choices must be a list of text' })
    .max(FIELD_CHOICES_MAX, `at most ${FIELD_CHOICES_MAX} choices`)
    .optional(),
};
export const FieldCreateInput = z.strictObject(fieldDefinition);
export const FieldUpdateInput = updateInput(fieldDefinition);

// A field's change shows in the register, the stakeholder pages and the CSV export.
const changes = ['stakeholderFields', 'stakeholders', 'history'] as const;
const ops = recordOperations<StakeholderField>(changes);
/* Change managers define the workspace's stakeholder fields; champions and sponsors read them. */
export const stakeholderFields = {
  list: ops.list("The workspace's custom stakeholder fields, in order"),
  create: ops.change('Add a custom stakeholder field', changeManagers, FieldCreateInput),
  update: ops.change('Rename a custom stakeholder field or change its choices', changeManagers, FieldUpdateInput),
  delete: ops.byId('Remove a custom stakeholder field (its values are hidden, not lost)', changeManagers),
  restore: ops.byId('Bring back a removed stakeholder field with its values', changeManagers),
  move: mutation('Move a custom stakeholder field up or down the order', changeManagers, changes)
    .input(z.strictObject({ id, direction: oneOf('direction', ['up', 'down'] as const) }))
    .output(type<StakeholderField[]>()),
};
