import { http, path } from './http'
import type {
  CertificateInput,
  Id,
  Page,
  PeopleListParams,
  Person,
  PersonDetail,
  PersonEditInput,
  PersonInput,
  RevealedIdNumber,
} from './types'

export function listPeople(params: PeopleListParams): Promise<Page<Person>> {
  return http.get<Page<Person>>('/people', { query: { ...params } })
}

export function getPerson(id: Id): Promise<PersonDetail> {
  return http.get<PersonDetail>(path`/people/${id}`)
}

/** 查看完整身份证号（服务端记审计日志，需 people.pii 权限）。 */
export function revealIdNumber(id: Id): Promise<RevealedIdNumber> {
  return http.post<RevealedIdNumber>(path`/people/${id}/reveal-id`)
}

export function createPerson(input: PersonInput): Promise<Person> {
  return http.post<Person>('/people', input)
}

/** 修改人员：身份证号留空、手机号为 null 时后端保持原值。 */
export function updatePerson(id: Id, input: PersonEditInput): Promise<Person> {
  return http.put<Person>(path`/people/${id}`, input)
}

export function addCertificate(id: Id, input: CertificateInput): Promise<Person> {
  return http.post<Person>(path`/people/${id}/certificates`, input)
}
