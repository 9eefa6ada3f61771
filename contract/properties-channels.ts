import { z } from 'zod';
import { channel } from './channel';
import { propertyIdSchema, propertyInputSchema, propertyListQuerySchema, type PropertyFormOptions, type PropertyPage, type PropertyView } from './properties';

const empty = z.strictObject({});

export const updatePropertySchema = z.strictObject({ id: propertyIdSchema, property: propertyInputSchema });

/** Only these two are the coordinator's to set; 'offered' and 'let' follow the offer. */
export const setPropertyStateSchema = z.strictObject({
  id: propertyIdSchema,
  to: z.enum(['available', 'withdrawn'], { error: () => 'Choose available or withdrawn' }),
  reason: z.string().trim().max(2000).default(''),
});

// Channels of properties (issue 10).
export const propertyChannels = {
  'properties.formOptions': channel<PropertyFormOptions>()(empty),
  'properties.list': channel<PropertyPage>()(propertyListQuerySchema),
  'properties.get': channel<PropertyView>()(z.strictObject({ id: propertyIdSchema })),
  'properties.create': channel<PropertyView>()(propertyInputSchema),
  'properties.update': channel<PropertyView>()(updatePropertySchema),
  'properties.setState': channel<PropertyView>()(setPropertyStateSchema),
};
