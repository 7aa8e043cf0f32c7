import { describe, expect, it } from 'vitest';
import { parseSeeds } from './parse-seeds.js';

describe('parseSeeds', () => {
  it('reads seeds in patient mm and as (instance number, row, column)', () => {
    expect(parseSeeds('[]')).toEqual([]);
    expect(parseSeeds('[{"artery":"LAD","at":[22,-30,-35.5]},{"artery":"PDA","instanceNumber":12,"row":200,"column":0}]')).toEqual([
      { artery: 'LAD', at: [22, -30, -35.5] },
      { artery: 'PDA', instanceNumber: 12, row: 200, column: 0 },
    ]);
  });

  it('rejects bad input with ATRIUM_ERR_PARAM_INVALID naming the parameter and the seed', () => {
    const cases: [string, string][] = [
      ['nope', 'parameter "seeds" is not valid JSON'],
      ['{}', 'parameter "seeds" must be a JSON array of seeds'],
      ['[1]', 'parameter "seeds" seed 1 must be an object'],
      ['[{"at":[1,2,3]}]', 'parameter "seeds" seed 1: artery must be one of LM, LAD, LCX, RCA, PDA (got undefined)'],
      ['[{"artery":"LAD","at":[1,"2",3]}]', 'parameter "seeds" seed 1 (LAD): "at" must be [x, y, z] in mm'],
      ['[{"artery":"LM","instanceNumber":1,"row":-1,"column":2}]', 'parameter "seeds" seed 1 (LM) needs "at": [x, y, z] (mm), or whole "instanceNumber", "row" and "column" (from 0)'],
      ['[{"artery":"LM","instanceNumber":1.5,"row":1,"column":2}]', 'parameter "seeds" seed 1 (LM) needs "at": [x, y, z] (mm), or whole "instanceNumber", "row" and "column" (from 0)'],
    ];
    for (const [text, message] of cases) expect(() => parseSeeds(text), text).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PARAM_INVALID', message: expect.stringContaining(message), details: expect.objectContaining({ parameter: 'seeds' }) }));
  });
});
