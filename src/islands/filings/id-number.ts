/**
 * The 居民身份证号码 on the 备案登记表. The number is write-only: once saved only its masked form comes back, so
 * the field stays empty and a note says what is stored; sex and birth date are shown as derived from it.
 */
import { formatDay, sexName } from '../../shared/formats.ts';
import { checkIdNumber } from '../../shared/id-number.ts';
import { setFieldError } from '../lib/forms.ts';
import { session } from './session.ts';

const idInput = document.querySelector<HTMLInputElement>('#idNumber');

function showDerived(sex: 'male' | 'female' | null, birthDate: string | null) {
  const derived = document.querySelector('#idNumber-derived');
  if (!derived) return;
  derived.textContent = sex && birthDate ? `性别：${sexName(sex)}　出生日期：${formatDay(birthDate)}` : '';
}

/** Shows what the server holds: the masked number (described right after the hint) and what it tells. */
export function renderIdState() {
  const { filing } = session;
  const stored = document.querySelector<HTMLElement>('#idNumber-stored');
  if (stored && idInput) {
    stored.hidden = !filing.idNumberMasked;
    stored.textContent = filing.idNumberMasked
      ? `已填写：${filing.idNumberMasked}，如需修改请重新输入完整号码`
      : '';
    const ids = (idInput.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((x) => x && x !== 'idNumber-stored');
    if (filing.idNumberMasked) ids.splice(1, 0, 'idNumber-stored');
    idInput.setAttribute('aria-describedby', ids.join(' '));
  }
  if (idInput?.value.trim() === '') showDerived(filing.sex, filing.birthDate);
}

/** Checks a typed number as the user goes; a wrong one is only called out when they leave the field (`final`). */
export function checkIdInput(final: boolean) {
  if (!idInput) return;
  const raw = idInput.value.trim();
  if (raw === '') {
    setFieldError(idInput, null);
    showDerived(session.filing.sex, session.filing.birthDate);
    return;
  }
  const result = checkIdNumber(raw);
  if (result.ok) {
    setFieldError(idInput, null);
    showDerived(result.sex, result.birthDate);
  } else {
    showDerived(null, null);
    if (final) setFieldError(idInput, result.message);
  }
}
