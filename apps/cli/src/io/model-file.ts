/** Model files: core's versioned JSON (the same file the web demo reads and writes). */
import { readFile } from 'node:fs/promises';
import { GaussianMixture, ModelFormatError } from '@gmm/core';
import { fileError, InputError } from '../errors.js';

export async function readModel(path: string): Promise<GaussianMixture> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw fileError('read', path, error);
  }
  try {
    return GaussianMixture.fromJSON(text);
  } catch (error) {
    if (error instanceof ModelFormatError) throw new InputError(`${path}: ${error.message}`);
    throw error;
  }
}

export function modelText(model: GaussianMixture): string {
  return `${JSON.stringify(model.toJSON(), null, 2)}\n`;
}
