import { describe, expect, it } from 'vitest';
import { CsvError, defaultColumns, looksMissing, looksNumeric, parseCsvText, pickColumns } from '../../src/view/csv.js';

describe('parseCsvText', () => {
  it('detects a header and keeps the file row of every record', () => {
    const table = parseCsvText('a,b\n1,2\n\n3,4\n');
    expect(table.hasHeader).toBe(true);
    expect(table.columns).toEqual(['a', 'b']);
    expect(table.records).toEqual([['1', '2'], ['3', '4']]);
    expect(table.rowNumbers).toEqual([2, 4]);
  });

  it('names columns when the first row is numbers', () => {
    const table = parseCsvText('1;2\n3;4');
    expect(table.hasHeader).toBe(false);
    expect(table.columns).toEqual(['column 1', 'column 2']);
    expect(table.records).toHaveLength(2);
  });

  it('rejects ragged rows naming the row', () => {
    expect(() => parseCsvText('a,b\n1,2\n3\n')).toThrow('Row 3 has 1 fields, expected 2 (as the header).');
  });

  it('rejects empty input and a header without data', () => {
    expect(() => parseCsvText(' \n')).toThrow(CsvError);
    expect(() => parseCsvText('a,b\n')).toThrow('no data rows');
  });
});

describe('column picking', () => {
  const table = parseCsvText('length,width,species\n1.5,0.2,setosa\n4.7,1.4,versicolor\n');

  it('leaves text columns out by default', () => {
    expect(defaultColumns(table)).toEqual([0, 1]);
  });

  it('returns the picked columns row-major with their names', () => {
    const picked = pickColumns(table, [1, 0]);
    expect(picked.columns).toEqual(['width', 'length']);
    expect(Array.from(picked.data)).toEqual([0.2, 1.5, 1.4, 4.7]);
    expect([picked.rows, picked.cols]).toEqual([2, 2]);
  });

  it('names the row and column of a non-numeric cell', () => {
    const error = (() => {
      try {
        pickColumns(table, [0, 2]);
      } catch (e) {
        return e as CsvError;
      }
    })();
    expect(error).toBeInstanceOf(CsvError);
    expect(error?.message).toBe('Row 2, column "species": "setosa" is not a number. Fix the cell, or untick the column.');
    expect([error?.row, error?.column]).toEqual([2, 'species']);
  });

  it('calls an empty cell empty rather than zero, and suggests the missing-values option', () => {
    expect(() => pickColumns(parseCsvText('a,b\n1,\n'), [0, 1])).toThrow(
      'Row 2, column "b": the cell is empty. Fix the cell, untick the column, or tick "Fit rows with missing values (EM)".',
    );
    expect(() => pickColumns(parseCsvText('a,b\n1,2\nNA,3\n'), [0, 1])).toThrow('Row 3, column "a": "NA" marks a missing value.');
  });

  it('needs at least one column', () => {
    expect(() => pickColumns(table, [])).toThrow('Pick at least one column');
  });

  it('accepts the usual number syntax only', () => {
    expect(['1', '-2.5', '.5', '1e-3', ' 4 '].every(looksNumeric)).toBe(true);
    expect(['', '0x1f', 'NaN', 'Infinity', '1,5'].some(looksNumeric)).toBe(false);
  });
});

describe('missing values', () => {
  const table = parseCsvText('a,b,c\n1,,x\nNaN,2,y\n3,4,z\n5, na ,w\n');

  it('recognises empty, NaN and NA cells only', () => {
    expect(['', ' ', 'NaN', 'nan', 'NA', ' na '].every(looksMissing)).toBe(true);
    expect(['0', 'N/A', 'null', '-', 'abc'].some(looksMissing)).toBe(false);
  });

  it('reads them as NaN and counts the cells and rows', () => {
    const picked = pickColumns(table, [0, 1], true);
    expect(Array.from(picked.data)).toEqual([1, NaN, NaN, 2, 3, 4, 5, NaN]);
    expect(picked.missing).toEqual({ cells: 3, rows: 3 });
  });

  it('counts nothing missing in complete data', () => {
    const complete = pickColumns(parseCsvText('a,b\n1,2\n3,4\n'), [0, 1], true);
    expect(complete.missing).toEqual({ cells: 0, rows: 0 });
    expect(Array.from(complete.data)).toEqual([1, 2, 3, 4]);
  });

  it('still names a non-numeric cell, option or not', () => {
    expect(() => pickColumns(table, [0, 2], true)).toThrow('Row 2, column "c": "x" is not a number. Fix the cell, or untick the column.');
  });

  it('rejects a row with every picked cell missing, naming it', () => {
    const error = (() => {
      try {
        pickColumns(parseCsvText('a,b\n1,2\n,NA\n'), [0, 1], true);
      } catch (e) {
        return e as CsvError;
      }
    })();
    expect(error?.message).toBe('Row 3: every picked column is missing, so it says nothing to fit. Remove the row, or pick a column it has.');
    expect(error?.row).toBe(3);
  });
});
