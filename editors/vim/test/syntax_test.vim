" Run: vim -Nu NONE -Es -S editors/vim/test/syntax_test.vim (from the repository)
" Opens sample.meso with the plugin's ftdetect and syntax files and checks
" the syntax group at chosen places; exits non-zero on a mismatch.
let s:here = expand('<sfile>:p:h')
let &runtimepath = fnamemodify(s:here, ':h') . ',' . &runtimepath
filetype on
syntax on
execute 'edit ' . s:here . '/sample.meso'

let s:failures = []
function! s:Expect(line, text, group) abort
  let l:lnum = search('\V' . escape(a:line, '\'), 'cw')
  if l:lnum == 0
    call add(s:failures, 'no line ' . a:line)
    return
  endif
  let l:col = stridx(getline(l:lnum), a:text) + 1
  if l:col == 0
    call add(s:failures, a:text . ' not on ' . a:line)
    return
  endif
  let l:got = synIDattr(synID(l:lnum, l:col, 1), 'name')
  if l:got !=# a:group
    call add(s:failures, printf('%s in "%s": %s, expected %s', a:text, a:line, l:got, a:group))
  endif
endfunction

if &filetype !=# 'meso'
  call add(s:failures, 'filetype is "' . &filetype . '", expected meso')
endif
call s:Expect('# a comment', '#', 'mesoComment')
call s:Expect('use std.bfr', 'use', 'mesoKeyword')
call s:Expect('use std.bfr', 'std.bfr', 'mesoRuleId')
call s:Expect('template kaatsu', 'kaatsu', 'mesoTemplate')
call s:Expect('template kaatsu', '"Kaatsu', 'mesoString')
call s:Expect('template kaatsu', '\"', 'mesoEscape')
call s:Expect('days mon..sat', 'mon', 'mesoWeekday')
call s:Expect('days mon..sat', 'sat', 'mesoWeekday')
call s:Expect('sessions 08:00', '08:00', 'mesoTime')
call s:Expect('sessions 08:00', '30 min', 'mesoDuration')
call s:Expect('cuff leg 50% AOP', '50% AOP', 'mesoPressure')
call s:Expect('cuff leg 50% AOP', 'leg', 'mesoLimb')
call s:Expect('aop arm', 'aop', 'mesoKeyword')
call s:Expect('aop arm', 'arm', 'mesoLimb')
call s:Expect('aop arm', '140 mmHg', 'mesoPressure')
call s:Expect('cleared bfr', 'cleared', 'mesoKeyword')
call s:Expect('group "G"', 'group', 'mesoKeyword')
call s:Expect('cleared bfr', 'bfr.precaution', 'mesoRuleId')
call s:Expect('bar 20 kg', 'bar', 'mesoKeyword')
call s:Expect('bar 20 kg', '20 kg', 'mesoLoad')
call s:Expect('plates 2x25', 'plates', 'mesoKeyword')
call s:Expect('plates 2x25', '2x25', 'mesoScheme')
call s:Expect('barbell squat', 'barbell', 'mesoKeyword')
call s:Expect('barbell squat', 'squat', '')
call s:Expect('dumbbell curl', 'dumbbell', 'mesoKeyword')
call s:Expect('dumbbell curl', 'step', 'mesoKeyword')
call s:Expect('dumbbell curl', '2 kg', 'mesoLoad')
call s:Expect('condition frailty', 'condition', 'mesoKeyword')
call s:Expect('condition frailty', 'frailty', 'mesoConditionName')
call s:Expect('class relative', 'class', 'mesoKeyword')
call s:Expect('alias frail', 'alias', 'mesoKeyword')
call s:Expect('knee-extension', 'knee-extension', '')
call s:Expect('knee-extension', '20%', 'mesoLoad')
call s:Expect('knee-extension', 'rest', 'mesoKeyword')
call s:Expect('knee-extension', '30 s', 'mesoDuration')
call s:Expect('squat 5x5', '5x5', 'mesoScheme')
call s:Expect('training-max 90%', 'training-max', 'mesoKeyword')
call s:Expect('calendar-id "club', 'calendar-id', 'mesoKeyword')
call s:Expect('row 3x8-12', 'TM', 'mesoLoad')
call s:Expect('row 3x8-12', 'RIR 2', 'mesoLoad')
call s:Expect('row 3x8-12', 'warm-up', 'mesoKeyword')
call s:Expect('superset {', 'superset', 'mesoKeyword')
call s:Expect('curl 3x10', 'each', 'mesoKeyword')
call s:Expect('curl 3x10', 'side', 'mesoKeyword')
call s:Expect('squat 5x5', '142.5 kg', 'mesoLoad')
call s:Expect('allow bfr', 'bfr.min-gap', 'mesoRuleId')
call s:Expect('start 2027', '2027-01-04', 'mesoDate')
call s:Expect('competition 2027', 'competition', 'mesoKeyword')
call s:Expect('competition 2027', '2027-06-12', 'mesoDate')
call s:Expect('competition 2027', '"Nationals"', 'mesoString')
call s:Expect('repeat 2 {', 'repeat', 'mesoKeyword')
call s:Expect('training-max squat +5', 'training-max', 'mesoKeyword')
call s:Expect('+5 kg per cycle', 'cycle', 'mesoKeyword')
call s:Expect('rotate drop {', 'rotate', 'mesoKeyword')
call s:Expect('rotate drop {', 'drop', 'mesoKeyword')
call s:Expect('alternate {', 'alternate', 'mesoKeyword')
call s:Expect('"Heavy" { leg-curl', '"Heavy"', 'mesoString')
call s:Expect('"A" { good-morning', '"A"', 'mesoString')
call s:Expect('3 weeks kaatsu', '3 weeks', 'mesoDuration')
call s:Expect('rule min-gap', 'min-gap', 'mesoRuleName')
call s:Expect('rule min-gap', 'error', 'mesoSeverity')
call s:Expect('require gap', '>=', 'mesoOperator')
call s:Expect('require gap', '4 h', 'mesoDuration')
call s:Expect('applies to bfr blocks', 'bfr', 'mesoBfrBlocks')
call s:Expect('applies to bfr blocks', 'blocks', 'mesoKeyword')
call s:Expect('source position-stand', 'source', 'mesoKeyword')
call s:Expect('source position-stand', 'position-stand', 'mesoFirmness')
call s:Expect('source position-stand', '"Patterson', 'mesoString')
call s:Expect('of class absolute', 'of', 'mesoKeyword')
call s:Expect('of class absolute', 'class', 'mesoKeyword')
call s:Expect('allow never', 'never', 'mesoKeyword')
call s:Expect('replaces clinic', 'replaces', 'mesoKeyword')
call s:Expect('replaces clinic', 'clinic.clots', 'mesoRuleId')
call s:Expect('every week days', 'every', 'mesoKeyword')
call s:Expect('every week days', 'week', 'mesoKeyword')

if empty(s:failures)
  qall!
endif
for s:f in s:failures
  verbose echo s:f
endfor
cquit!
