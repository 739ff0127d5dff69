#!/usr/bin/env python3
"""Derives return-to-care survival data (one row per at-risk exit before 18) from synthetic SSDA903 files, with
the covariates as truth.json defines them. Usage: python3 return-to-care-data.py DIR  (writes rtc.csv here).
Data end assumed 31/03/2024 (the default window)."""
import csv, sys, datetime as dt
d = sys.argv[1]
def uk(s): return dt.date(int(s[6:]), int(s[3:5]), int(s[:2])) if s else None
dob = {r['CHILD']: uk(r['DOB']) for r in csv.DictReader(open(d+'/ssda903_header.csv'))}
eps = list(csv.DictReader(open(d+'/ssda903_episodes.csv')))
import collections
by = collections.defaultdict(list)
for e in eps: by[e['CHILD']].append(e)
atrisk = set("E4A E4B E13 E41 E45 E46 E47 E48 E5 E6 E17 E8 E14".split())
home = {"E4A","E4B","E13"}; perm = {"E41","E45","E46","E47","E48"}
end = dt.date(2024,3,31)
out = open('rtc.csv','w'); out.write('time,event,age,s20,exitgrp,unstable\n')
def add_years(d0, n):
    try: return d0.replace(year=d0.year+n)
    except ValueError: return d0.replace(year=d0.year+n, day=28)
for c, es in by.items():
    periods = []; cur = []
    for e in es:
        cur.append(e)
        if e['REC'] != 'X1': periods.append(cur); cur = []
    if cur: periods.append(cur)
    b = dob[c]; e18 = add_years(b, 18)
    for i, p in enumerate(periods):
        last = p[-1]
        if last['REC'] not in atrisk: continue
        x = uk(last['DEC'])
        if x >= e18: continue
        age = (x.year - b.year) - ((x.month, x.day) < (b.month, b.day))
        ageb = '0-4' if age < 5 else '5-10' if age < 11 else '11-15' if age < 16 else '16-17'
        s20 = int(last['LS'] == 'V2')
        grp = 'home' if last['REC'] in home else 'perm' if last['REC'] in perm else 'other'
        unst = int(sum(1 for e in p if e['RNE'] in 'SPBTU') >= 3)
        if i + 1 < len(periods):
            t = (uk(periods[i+1][0]['DECOM']) - x).days; ev = 1
        else:
            t = (min(e18, end) - x).days; ev = 0
        if t <= 0: continue
        out.write('%f,%d,%s,%d,%s,%d\n' % (t/365.25, ev, ageb, s20, grp, unst))
