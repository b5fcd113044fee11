import { describe, expect, it } from 'vitest';
import { columnsForData, columnsForModel, parseColumnSpec } from '../src/io/columns.js';
import { collectBatches, readCsvBatches, type CsvOptions } from '../src/io/read-csv.js';

/** The text in chunks of `size` characters, to exercise records split across chunks. */
async function* chunks(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function read(text: string, options: CsvOptions = {}, columns?: string, size = 1 << 16) {
  const resolve = columnsForData(columns === undefined ? undefined : parseColumnSpec(columns));
  const matrix = await collectBatches(readCsvBatches(chunks(text, size), 'data.csv', options, resolve));
  return { ...matrix, data: Array.from(matrix.data) };
}

describe('readCsvBatches', () => {
  it('detects a header and the comma delimiter', async () => {
    expect(await read('a,b\n1,2\n3,4\n')).toEqual({ data: [1, 2, 3, 4], rows: 2, cols: 2, names: ['a', 'b'] });
  });

  it('treats an all-numeric first row as data and names columns by 1-based index', async () => {
    expect(await read('1,2\n3,4')).toEqual({ data: [1, 2, 3, 4], rows: 2, cols: 2, names: ['1', '2'] });
  });

  it.each([
    ['tab', 'x\ty\n1.5\t2\n3\t-4e2\n'],
    ['semicolon', 'x;y\n1.5;2\n3;-4e2\n'],
  ])('detects the %s delimiter', async (_name, text) => {
    expect(await read(text)).toMatchObject({ data: [1.5, 2, 3, -400], names: ['x', 'y'] });
  });

  it('honours --delimiter and --no-header / --header', async () => {
    expect(await read('1;2\n3;4\n', { delimiter: ';', header: false })).toMatchObject({ data: [1, 2, 3, 4], rows: 2 });
    expect(await read('10,20\n3,4\n', { header: true })).toMatchObject({ data: [3, 4], names: ['10', '20'] });
  });

  it('reads quoted fields (with delimiters and newlines inside) and skips blank lines', async () => {
    const text = '"first, name","multi\nline"\r\n\r\n"1","2"\n\n  \n3,"4"\r\n';
    expect(await read(text)).toEqual({ data: [1, 2, 3, 4], rows: 2, cols: 2, names: ['first, name', 'multi\nline'] });
  });

  it('gives the same result whatever the chunk boundaries', async () => {
    const text = 'a,"b"\n1,"2"\n\n3,4\n5,6';
    const whole = await read(text);
    for (const size of [1, 2, 3, 7]) expect(await read(text, {}, undefined, size)).toEqual(whole);
  });

  it('picks columns by name or 1-based index', async () => {
    const text = 'a,b,c\n1,2,3\n4,5,6\n';
    expect(await read(text, {}, 'c,a')).toMatchObject({ data: [3, 1, 6, 4], names: ['c', 'a'] });
    expect(await read(text, {}, '2')).toMatchObject({ data: [2, 5], names: ['b'] });
  });

  it.each([
    ['a,waiting\n1,2\n3,abc\n', /data\.csv: row 3, column "waiting": "abc" is not a number/],
    ['a,b\n1,2\n\n3,NaN\n', /row 4, column "b": "NaN" is not a finite number/],
    ['a,b\n1,Infinity\n', /row 2, column "b": "Infinity" is not a finite number/],
    ['a,b\n1,\n', /row 2, column "b": the cell is empty/],
    ['a,b\n1,2\n3,4,5\n', /row 3 has 3 fields, expected 2/],
    ['', /data\.csv: no data rows \(the input is empty\)/],
    ['\n\n', /no data rows \(the input is empty\)/],
    ['a,b\n', /no data rows \(only a header\)/],
    ['a,b\n1,"2\n', /row 2: a quoted field is not closed/],
  ])('rejects %j', async (text, message) => {
    await expect(read(text)).rejects.toThrow(message);
  });

  it('in missing-value mode reads empty, NaN and NA cells as NaN, and still rejects the rest', async () => {
    expect(await read('a,b\n1,\nNaN,na\n NA ,4\n', { missing: true })).toMatchObject({ data: [1, NaN, NaN, NaN, NaN, 4], rows: 3 });
    expect(await read('NA,2\n3,\n', { missing: true })).toMatchObject({ data: [NaN, 2, 3, NaN], names: ['1', '2'] });
    await expect(read('a,b\n1,abc\n', { missing: true })).rejects.toThrow(/row 2, column "b": "abc" is not a number/);
    await expect(read('a,b\n1,-Infinity\n', { missing: true })).rejects.toThrow(/"-Infinity" is not a finite number/);
    await expect(read('a,b\n1,NA\n')).rejects.toThrow(/row 2, column "b": "NA" is not a number/);
  });

  it('rejects unknown columns with the list of columns', async () => {
    await expect(read('a,b\n1,2\n', {}, 'z')).rejects.toThrow('data.csv: there is no column "z" (the columns are a, b)');
    await expect(read('1,2\n', {}, '3')).rejects.toThrow('there is no column 3: the data has 2 columns');
    await expect(read('1,2\n', {}, 'a')).rejects.toThrow('the data has no header, so use 1-based column indices');
  });
});

describe('columnsForModel', () => {
  const resolve = (names: string[], header: string[] | undefined, width: number) =>
    columnsForModel(undefined, names)(header, width, 'in.csv');

  it('picks the model features by name from a header, in the model order', () => {
    expect(resolve(['waiting', 'eruptions'], ['eruptions', 'waiting', 'component'], 3)).toEqual({
      indices: [1, 0],
      names: ['waiting', 'eruptions'],
    });
  });

  it('picks index-named features (a model fitted without header) by position', () => {
    expect(resolve(['2', '3'], undefined, 3).indices).toEqual([1, 2]);
    expect(resolve(['1', '2'], ['x', 'y'], 2).indices).toEqual([0, 1]);
    expect(resolve(['1', '2'], ['1', '2', 'component'], 3).indices).toEqual([0, 1]);
  });

  it('takes every column of a header-less file when their count matches, and names the mismatch otherwise', () => {
    expect(resolve(['a', 'b'], undefined, 2).indices).toEqual([0, 1]);
    expect(() => resolve(['a', 'b'], undefined, 3)).toThrow('in.csv has 3 columns and no header, the model expects 2 (a, b)');
    expect(() => resolve(['a', 'b'], ['a', 'c'], 2)).toThrow('there is no column "b" (the columns are a, c)');
  });
});
