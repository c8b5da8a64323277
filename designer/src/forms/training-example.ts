import { useEffect, useState } from 'react';
import { api } from '../api/client.js';

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

let simulated: Promise<boolean> | undefined;

/** Whether the server runs on the sandbox clock (CLOCK=simulated): a training set-up, not real work. */
function askSimulated(): Promise<boolean> {
  simulated ??= api<{ simulated?: boolean }>('GET', '/api/clock').then(
    (clock) => clock.simulated === true,
    () => false,
  );
  return simulated;
}

/** True once the server said it runs on the sandbox clock; false until then and on a real clock. */
export function useTrainingServer(wanted: boolean): boolean {
  const [training, setTraining] = useState(false);
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    void askSimulated().then((answer) => {
      if (current) setTraining(answer);
    });
    return () => {
      current = false;
    };
  }, [wanted]);
  return training;
}

const isUpload = (schema: Schema): boolean =>
  schema.format === 'attachment-id' || (isSchema(schema.items) && schema.items.format === 'attachment-id');

/**
 * A form's example as training data: attachment fields are left out (the example's file ids name no
 * stored file; the trainee uploads one), everything else is copied.
 */
export function exampleWithoutUploads(schema: Schema, example: unknown): unknown {
  if (!isSchema(example) || !isSchema(schema.properties)) return structuredClone(example);
  const result: Schema = {};
  for (const [name, value] of Object.entries(example)) {
    const field = schema.properties[name];
    if (isSchema(field) && isUpload(field)) continue;
    if (isSchema(field) && isSchema(field.items) && Array.isArray(value))
      result[name] = value.map((item: unknown) => exampleWithoutUploads(field.items as Schema, item));
    else result[name] = isSchema(field) ? exampleWithoutUploads(field, value) : structuredClone(value);
  }
  return result;
}
