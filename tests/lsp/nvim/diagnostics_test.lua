-- neovim (0.7, headless) with editors/neovim/meso.lua opens a copy of an
-- example with a broken line; a handler of publishDiagnostics writes what
-- arrives to a file, which is then read and checked; then the broken line's
-- code action is asked for, and must replace 'kgs' with 'kg'. Run by ctest:
--   MESO_BINARY=build/meso nvim --headless -u NONE -c 'luafile tests/lsp/nvim/diagnostics_test.lua'
local root = vim.fn.getcwd()
local out = vim.fn.tempname() .. '.json'
local plan = vim.fn.tempname() .. '.meso'

local function fail(message)
  io.stderr:write('FAIL: ' .. message .. '\n')
  vim.cmd('cquit 1')
end

local lines = vim.fn.readfile(root .. '/examples/hypertrophy-rir.meso')
local broken = nil
for i, line in ipairs(lines) do
  if line == '  max squat 140 kg' then
    lines[i] = '  max squat 140 kgs'
    broken = i - 1
  end
end
if not broken then fail('the example has no line "  max squat 140 kg"') end
vim.fn.writefile(lines, plan)

vim.opt.runtimepath:prepend(root .. '/editors/neovim')
package.path = root .. '/editors/neovim/?.lua;' .. package.path
require('meso').setup({ cmd = { os.getenv('MESO_BINARY') or (root .. '/build/meso'), 'lsp' } })

local received = false
local default = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result and result.uri == vim.uri_from_fname(plan) then
    vim.fn.writefile({ vim.fn.json_encode(result.diagnostics) }, out)
    received = true
  end
  return default(err, result, ctx, config)
end

vim.cmd('edit ' .. plan)
if not vim.wait(20000, function() return received end, 50) then fail('no diagnostics within 20 s') end

local diagnostics = vim.fn.json_decode(table.concat(vim.fn.readfile(out), '\n'))
local found = false
for _, d in ipairs(diagnostics) do
  if d.severity == 1 and d.range.start.line == broken and d.message:find("kgs", 1, true) then found = true end
end
if not found then fail('no error on line ' .. broken .. ' about "kgs": ' .. vim.fn.json_encode(diagnostics)) end

-- The quick fix of that error, as neovim asks for it (vim.lsp.buf.code_action sends the same request).
local column = #'  max squat 140 '
local position = { line = broken, character = column + 1 }
local answers = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_fname(plan) },
  range = { start = position, ['end'] = position },
  context = { diagnostics = diagnostics },
}, 20000)
local fix = nil
for _, answer in pairs(answers or {}) do
  for _, action in ipairs(answer.result or {}) do
    local edits = action.edit and action.edit.changes and action.edit.changes[vim.uri_from_fname(plan)]
    if edits and edits[1].newText == 'kg' and edits[1].range.start.line == broken then fix = action.title end
  end
end
if not fix then fail('no code action replacing "kgs" with "kg": ' .. vim.fn.json_encode(answers)) end
print('ok: ' .. #diagnostics .. ' diagnostics, the error on line ' .. (broken + 1) .. ': ' .. diagnostics[1].message
  .. '; code action: ' .. fix)
vim.cmd('qall!')
