// While the import form's post runs, poll the import's progress (per replica: see ImportProgressStore).
const form = document.getElementById('import-form');
const status = document.getElementById('import-progress');
const stages = { Reading: '正在读取文件', Validating: '正在校验', Saving: '正在保存', Stored: '已保存', Rejected: '发现错误', Failed: '导入失败' };
if (form && status) {
    form.addEventListener('submit', () => {
        const id = form.querySelector('input[name=importId]').value;
        status.hidden = false;
        status.textContent = '正在上传…';
        const poll = async () => {
            try {
                const response = await fetch(`api/households/import/${encodeURIComponent(id)}/progress`, { credentials: 'same-origin' });
                if (response.ok) {
                    const progress = await response.json();
                    status.textContent = `${stages[progress.stage] ?? progress.stage}：${progress.done} / ${progress.households} 户（${progress.percent}%）`;
                }
            } catch {
                // The page is being replaced by the import's result.
            }
            setTimeout(poll, 500);
        };
        setTimeout(poll, 500);
    });
}
