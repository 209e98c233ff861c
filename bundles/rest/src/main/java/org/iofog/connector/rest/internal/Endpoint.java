package org.iofog.connector.rest.internal;

/**
 * One endpoint of the API: answers a request its {@link Route} has admitted (method, path, content type,
 * token and certificate already checked). Runs on a worker thread, so it may wait, e.g. for the mappings
 * file to reach the disk.
 */
interface Endpoint {

    /**
     * @return the answer, a record Jackson writes (or, for a route that produces text, the text)
     * @throws ApiException what was wrong with the request, or why it could not be carried out
     */
    Reply answer(FormBody form, Caller caller) throws ApiException;
}
