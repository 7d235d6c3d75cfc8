" .meso training programs: see docs/editors.md
autocmd BufRead,BufNewFile *.meso setfiletype meso
