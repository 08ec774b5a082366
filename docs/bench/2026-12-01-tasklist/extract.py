import re,sys
lines=open('/var/log/postgresql/postgresql-15-main.log',errors='replace').read().split('\n')
# statements: a LOG line with "execute" followed by continuation lines starting with a tab, then DETAIL parameters
stmts=[]; i=0
while i < len(lines):
    l=lines[i]
    m=re.search(r'redress_tasklist_bench LOG:  duration: ([\d.]+) ms  execute [^:]*: (.*)$', l)
    if m:
        body=[m.group(2)]; i+=1
        while i < len(lines) and lines[i].startswith('\t'):
            body.append(lines[i][1:]); i+=1
        params={}
        if i < len(lines) and 'DETAIL:  parameters:' in lines[i]:
            for k,v in re.findall(r"\$(\d+) = ('(?:[^']|'')*'|NULL)", lines[i]): params[int(k)]=v
        sql='\n'.join(x for x in body if x.strip())
        sql=re.sub(r'\$(\d+)', lambda mm: params.get(int(mm.group(1)), mm.group(0)), sql)
        stmts.append((float(m.group(1)), sql))
    else: i+=1
want=sys.argv[1]; out=sys.argv[2]
found=[s for s in stmts if want in s[1]]
print(len(found), 'found; last duration', found[-1][0] if found else None)
open(out,'w').write(found[-1][1]+';\n')
