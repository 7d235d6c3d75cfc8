-- meso in neovim 0.7 and later: .meso files get the filetype `meso`, and
-- each starts (or joins) one `meso lsp` per project. Copy this file to
-- ~/.config/nvim/lua/meso.lua and put `require('meso').setup()` in your
-- init.lua (docs/editors.md). Options: { cmd = { 'meso', 'lsp' } }.
local M = {}

function M.setup(options)
  options = options or {}
  local cmd = options.cmd or { 'meso', 'lsp' }
  local group = vim.api.nvim_create_augroup('meso', { clear = true })
  vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
    group = group,
    pattern = '*.meso',
    callback = function() vim.bo.filetype = 'meso' end,
  })
  local client_id
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'meso',
    callback = function(event)
      if not client_id or vim.lsp.get_client_by_id(client_id) == nil then
        client_id = vim.lsp.start_client({
          name = 'meso',
          cmd = cmd,
          root_dir = vim.fn.getcwd(),
          on_attach = options.on_attach,
        })
      end
      if client_id then vim.lsp.buf_attach_client(event.buf, client_id) end
    end,
  })
end

return M
