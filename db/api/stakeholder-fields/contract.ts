import { type } from '@orpc/contract';
import { z } from 'zod';
import { FIELD_CHOICE_MAX, FIELD_CHOICES_MAX, FIELD_NAME_MAX, FIELD_TYPES, type StakeholderField } from '../../stakeholders/model';
import { ById, changeManagers, everyone, id, ListInput, mutation, oneOf, query, text } from '../kit';

const fieldDefinition = {
  name: text('Name', FIELD_NAME_MAX),
  type: oneOf('type', FIELD_TYPES),
  choices: z
    .array(text('Choice', FIELD_CHOICE_MAX), { error: 'choices must be a list of text' })
    .max(FIELD_CHOICES_MAX, `at most ${FIELD_CHOICES_MAX} choices`)
    .optional(),
};
export const FieldCreateInput = z.strictObject(fieldDefinition);
export const FieldUpdateInput = z.strictObject({ id, ...z.strictObject(fieldDefinition).partial().shape });

// A field's change shows in the register, the stakeholder pages and the CSV export.
const changes = ['stakeholderFields', 'stakeholders', 'history'] as const;
/* Change managers define the workspace's stakeholder fields; champions and sponsors read them. */
export const stakeholderFields = {
  list: query("The workspace's custom stakeholder fields, in order", everyone).input(ListInput).output(type<StakeholderField[]>()),
  create: mutation('Add a custom stakeholder field', changeManagers, changes).input(FieldCreateInput).output(type<StakeholderField>()),
  update: mutation('Rename a custom stakeholder field or change its choices', changeManagers, changes)
    .input(FieldUpdateInput)
    .output(type<StakeholderField>()),
  delete: mutation('Remove a custom stakeholder field (its values are hidden, not lost)', changeManagers, changes)
    .input(ById)
    .output(type<StakeholderField>()),
  restore: mutation('Bring back a removed stakeholder field with its values', changeManagers, changes)
    .input(ById)
    .output(type<StakeholderField>()),
  move: mutation('Move a custom stakeholder field up or down the order', changeManagers, changes)
    .input(z.strictObject({ id, direction: oneOf('direction', ['up', 'down'] as const) }))
    .output(type<StakeholderField[]>()),
};
