import base from '@rawaws/eslint-config/base';

export default base;
